/**
 * Problems → diagnostics: the configured severity of each code (or `ignore`), and the suppression comments.
 */
import { defaultSeverity, type Settings } from './settings';
import type { Diagnostic, Problem, Suppression } from './types';
import { isSuppressed } from './markdown/suppressions';

export function toDiagnostics(problems: Problem[], settings: Settings, suppressionsByUri: Map<string, Suppression[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Duplicates (the same problem found twice) are dropped; keyed by position first, messages compared on a match.
  const seen = new Map<string, string[]>();
  for (const p of problems) {
    const configured = settings.diagnosticsSeverity[p.code] ?? defaultSeverity[p.code] ?? 'warning';
    if (configured === 'ignore') continue;
    const suppressions = suppressionsByUri.get(p.uri);
    if (suppressions && isSuppressed(suppressions, p.code, p.span.start)) continue;
    const id = `${p.uri}|${p.code}|${p.span.start}|${p.span.end}`;
    const messages = seen.get(id);
    if (messages?.includes(p.message)) continue;
    if (messages) messages.push(p.message);
    else seen.set(id, [p.message]);
    out.push({ ...p, severity: configured });
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start));
}
