/**
 * Core diagnostics → LSP diagnostics: source `citelens`, the code string, the mapped severity, related
 * locations, and the problem's `data` (quick fixes read it back from the code-action request).
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE } from '../protocol';
import { defaultSeverity, type Settings } from '../service/settings';
import type { Diagnostic, Problem, Severity } from '../service/types';
import { sameJson } from './diagnosticReuse';
import { toRange } from './positions';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Line tables of the documents related locations point into (by path); missing ones are left out. */
export type LineTables = (path: string) => TextDocument | undefined;

/** `related`: the related information when already converted (see `DiagnosticsPublisher`), else made here. */
export function toLspDiagnostic(d: Diagnostic, doc: TextDocument, tables: LineTables, uriOf: (path: string) => string, related = toLspRelated(d, doc, tables, uriOf)): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(doc, d.span),
    severity: SEVERITY[d.severity],
    source: DIAGNOSTIC_SOURCE,
    code: d.code,
    message: d.message,
  };
  if (d.data !== undefined) out.data = d.data;
  if (related.length) out.relatedInformation = related;
  return out;
}

/** A diagnostic's related locations in LSP form (those in documents without a line table left out). */
export function toLspRelated(d: Diagnostic, doc: TextDocument, tables: LineTables, uriOf: (path: string) => string): DiagnosticRelatedInformation[] {
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of d.related ?? []) {
    const table = r.uri === d.uri ? doc : tables(r.uri);
    if (table) related.push({ location: { uri: uriOf(r.uri), range: toRange(table, r.span) }, message: r.message });
  }
  return related;
}

/**
 * Whether `lsp`, published earlier, is what `d` converts to now. Called with the diagnostic published for `d`'s
 * predecessor (the same check's warning before it moved, see `DiagnosticsPublisher`): compares what is cheap to
 * compare, the fields by identity or value and the range by position, without building the LSP form. The related
 * information must be `related` (already matched: `sameLspRelated`).
 */
export function sameLspDiagnostic(lsp: LspDiagnostic, d: Diagnostic, doc: TextDocument, related: DiagnosticRelatedInformation[]): boolean {
  return (
    lsp.message === d.message &&
    lsp.code === d.code &&
    lsp.severity === SEVERITY[d.severity] &&
    (lsp.data === d.data || sameJson(lsp.data, d.data)) &&
    (lsp.relatedInformation ?? NONE) === (related.length ? related : NONE) &&
    sameRange(lsp.range, doc, d.span)
  );
}

/**
 * Whether `lsp` is what `toLspRelated(d, …)` makes now (URIs, ranges by position, messages), without making it: a
 * numeric review's warnings point at reference-list items, whose offsets all move when the author types above
 * them while their lines and columns do not.
 */
export function sameLspRelated(lsp: DiagnosticRelatedInformation[], d: Diagnostic, doc: TextDocument, tables: LineTables, uriOf: (path: string) => string): boolean {
  let j = 0;
  for (const r of d.related ?? []) {
    const table = r.uri === d.uri ? doc : tables(r.uri);
    if (!table) continue;
    const x = lsp[j++];
    if (!x || x.message !== r.message || x.location.uri !== uriOf(r.uri) || !sameRange(x.location.range, table, r.span)) return false;
  }
  return j === lsp.length;
}

function sameRange(range: LspDiagnostic['range'], doc: TextDocument, span: Diagnostic['span']): boolean {
  const start = doc.positionAt(span.start);
  if (range.start.line !== start.line || range.start.character !== start.character) return false;
  const end = doc.positionAt(span.end);
  return range.end.line === end.line && range.end.character === end.character;
}

const NONE: DiagnosticRelatedInformation[] = [];

/**
 * Applies the configured severity to problems that come without one (a bibliography's own problems);
 * `ignore` drops them.
 */
export function withSeverity(problems: Problem[], settings: Settings): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const configured = settings.diagnosticsSeverity[p.code] ?? defaultSeverity[p.code] ?? 'warning';
    if (configured !== 'ignore') out.push({ ...p, severity: configured });
  }
  return out;
}

/** Counts by severity, for the Check Workspace summary. */
export function countSeverities(diagnostics: { severity?: DiagnosticSeverity }[]): { errors: number; warnings: number; information: number; hints: number } {
  const counts = { errors: 0, warnings: 0, information: 0, hints: 0 };
  for (const d of diagnostics) {
    if (d.severity === DiagnosticSeverity.Error) counts.errors++;
    else if (d.severity === DiagnosticSeverity.Warning) counts.warnings++;
    else if (d.severity === DiagnosticSeverity.Information) counts.information++;
    else counts.hints++;
  }
  return counts;
}
