/**
 * Renders diagnostics for the terminal (`path:line:col  severity  code  message`), as JSON (product.md §6) and
 * as SARIF 2.1.0 (for code-scanning dashboards in CI).
 */
import { relative } from 'node:path';
import { LineIndex } from '../service/text/lineIndex';
import type { Diagnostic } from '../service/types';

export interface FileReport {
  path: string;
  text: string;
  diagnostics: Diagnostic[];
}

function ranges(report: FileReport) {
  const index = new LineIndex(report.text);
  return report.diagnostics.map((d) => ({ d, start: index.position(d.span.start), end: index.position(d.span.end) }));
}

export function summary(reports: FileReport[]): { errors: number; warnings: number; infos: number } {
  const all = reports.flatMap((r) => r.diagnostics);
  return {
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
    infos: all.filter((d) => d.severity === 'information' || d.severity === 'hint').length,
  };
}

export function formatText(reports: FileReport[], color: boolean): string {
  const lines: string[] = [];
  const paint = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  for (const report of reports) {
    for (const { d, start } of ranges(report)) {
      const sev = d.severity === 'error' ? paint('31', 'error') : d.severity === 'warning' ? paint('33', 'warning') : paint('36', d.severity === 'hint' ? 'hint' : 'info');
      lines.push(`${relative(process.cwd(), report.path) || report.path}:${start.line + 1}:${start.character + 1}  ${sev}  ${paint('2', d.code)}  ${d.message}`);
    }
  }
  const s = summary(reports);
  const files = reports.filter((r) => r.diagnostics.length).length;
  lines.push('');
  lines.push(
    s.errors + s.warnings + s.infos === 0
      ? `✓ No problems in ${reports.length} file${reports.length === 1 ? '' : 's'}.`
      : `${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}, ${s.infos} info in ${files} file${files === 1 ? '' : 's'} (${reports.length} checked).`,
  );
  return lines.join('\n');
}

export function formatJson(reports: FileReport[]): string {
  return JSON.stringify(
    {
      version: 1,
      files: reports.map((r) => ({
        path: relative(process.cwd(), r.path) || r.path,
        diagnostics: ranges(r).map(({ d, start, end }) => ({ code: d.code, severity: d.severity, message: d.message, range: { start, end }, ...filterData(d) })),
      })),
    },
    null,
    2,
  );
}

export function formatSarif(reports: FileReport[], version: string): string {
  const level = (s: Diagnostic['severity']): string => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  const results = reports.flatMap((r) =>
    ranges(r).map(({ d, start, end }) => ({
      ruleId: d.code,
      level: level(d.severity),
      message: { text: d.message },
      ...(filterData(d).data ? { properties: filterData(d).data } : {}),
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: sarifUri(r.path) },
            region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
          },
        },
      ],
    })),
  );
  // No informationUri/helpUri: the project's home is set by its maintainer (README, "Publishing"), never invented.
  const rules = [...new Set(results.map((r) => r.ruleId))].sort().map((id) => ({ id }));
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'citelens', version, rules } }, results }],
    },
    null,
    2,
  );
}

/**
 * What CI users filter on, in a diagnostic's `data` (JSON) or `properties` (SARIF): topic fit's score, the
 * evidence it was judged on (`abstract` or `title`) and the better fits. Other codes' data serve quick fixes
 * only and are not printed.
 */
function filterData(d: Diagnostic): { data?: { score: number; evidence: string; suggestions: { ref: string; score: number }[] } } {
  if (d.code !== 'off-topic-citation' || !d.data) return {};
  const { score, evidence, suggestions } = d.data;
  return { data: { score, evidence, suggestions } };
}

/** A file's path relative to the working directory as a SARIF `uri-reference`: `/`-separated, each segment percent-encoded. */
function sarifUri(path: string): string {
  return relative(process.cwd(), path).split(/[\\/]/).map(encodeURIComponent).join('/');
}
