/**
 * Problems → diagnostics: the configured severity of each code (or `ignore`), and the suppression comments.
 * Stateless: the diagnostics made earlier, reused while their problems are unchanged, are the caller's
 * (`ServiceCaches.diagnostics`, one per service).
 */
import { checks } from './problems/catalog';
import type { Severity } from './problems/catalog/check';
import { defaultSeverity, type Settings } from './settings';
import type { Diagnostic, Problem, Suppression } from './types';
import { isSuppressed } from './markdown/suppressions';

/**
 * The diagnostic last made of each problem. Checks hand out the same problem object while it is unchanged (topic
 * fit's, for instance), and the same diagnostic object lets the LSP host reuse what it derived from it.
 */
export type DiagnosticsMade = WeakMap<Problem, Diagnostic>;

/** One level less severe (error → warning → information → hint). */
function lower(s: Severity): Severity {
  return s === 'error' ? 'warning' : s === 'warning' ? 'information' : 'hint';
}

/**
 * `{ ...p, severity }`, field by field in the same order (`problem()` makes every problem with these fields, `data`
 * and `related` only when present): spreading problems of several shapes cost ~0.8 ms per thousand, a keystroke's
 * worth in a large review whose warnings moved, against ~0.03 ms.
 */
function withSeverity(p: Problem, severity: Severity): Diagnostic {
  const d = { code: p.code, message: p.message, span: p.span, uri: p.uri, facts: p.facts } as Diagnostic;
  if ('data' in p) d.data = p.data;
  if ('related' in p) d.related = p.related;
  d.severity = severity;
  return d;
}

/** The diagnostics of `problems`, sorted by file and start, duplicates dropped; `made` keeps them for next time. */
export function toDiagnostics(problems: Problem[], settings: Settings, suppressionsByUri: Map<string, Suppression[]>, made: DiagnosticsMade): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const explicit = settings.diagnosticsSeverity[p.code];
    if (explicit === 'ignore') continue;
    const weaker = explicit === undefined && (checks[p.code].weaker as ((facts: unknown) => boolean) | undefined)?.(p.facts);
    const configured: Severity = weaker ? lower(defaultSeverity[p.code]) : (explicit ?? defaultSeverity[p.code] ?? 'warning');
    const suppressions = suppressionsByUri.get(p.uri);
    if (suppressions?.length && isSuppressed(suppressions, p.code, p.span.start)) continue;
    let d = made.get(p);
    if (!d || d.severity !== configured || d.message !== p.message || d.span !== p.span || d.uri !== p.uri || d.code !== p.code || d.data !== p.data || d.related !== p.related) {
      made.set(p, (d = withSeverity(p, configured)));
    }
    out.push(d);
  }
  // Sorted by file and start (a stable sort: equal starts keep the order problems were found in).
  out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start));
  // Duplicates (the same problem found twice) are dropped, the first kept; they share file and start, so they
  // sit in the same run of the sorted list.
  let kept = 0;
  for (let i = 0; i < out.length; i++) {
    const d = out[i];
    let duplicate = false;
    for (let j = kept - 1; j >= 0 && out[j].span.start === d.span.start && out[j].uri === d.uri; j--) {
      const e = out[j];
      if (e.code === d.code && e.span.end === d.span.end && e.message === d.message) {
        duplicate = true;
        break;
      }
    }
    if (!duplicate) out[kept++] = d;
  }
  out.length = kept;
  return out;
}
