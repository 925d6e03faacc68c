/**
 * Problems → diagnostics: the configured severity of each code (or `ignore`), and the suppression comments.
 */
import { defaultSeverity, type Settings } from './settings';
import type { Diagnostic, Problem, Suppression } from './types';
import { isSuppressed } from './markdown/suppressions';

export function toDiagnostics(problems: Problem[], settings: Settings, suppressionsByUri: Map<string, Suppression[]>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const p of problems) {
    const configured = settings.diagnosticsSeverity[p.code] ?? defaultSeverity[p.code] ?? 'warning';
    if (configured === 'ignore') continue;
    const suppressions = suppressionsByUri.get(p.uri);
    if (suppressions && isSuppressed(suppressions, p.code, p.span.start)) continue;
    const id = `${p.uri}|${p.code}|${p.span.start}|${p.span.end}|${p.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ ...p, severity: configured });
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.span.start - b.span.start));
}
