/**
 * Code actions for the diagnostics the editor sends back: each diagnostic's quick fixes, from the table of them
 * (`quickFixes.ts`, typed per code), plus any a caller adds; then, when asked (`ignoreComments`, as the language
 * server does), for every diagnostic "Ignore CODE on this line" (`ignoreOnLine.ts`), last, so the fixes come first.
 */
import type { Analysis } from '../analysis';
import { isDiagnosticCode, type DiagnosticCode } from '../problems/catalog';
import type { Span } from '../types';
import { overlaps } from './featureTypes';
import { ignoreOnLine } from './ignoreOnLine';
import { fileIndex } from './locate';
import { quickFixes } from './quickFixes';
import type { CodeActionResult, DiagnosticRef, QuickFixContext, QuickFixTable, SentBack } from './quickFixTypes';

export type { ActionCommand, CodeActionResult, DiagnosticRef, QuickFixContext, QuickFixProvider, QuickFixTable } from './quickFixTypes';

/**
 * The code actions for the diagnostics the editor sent for `range` of `path`. `providers` add to (not replace)
 * the table's; one listed in both runs once.
 */
export function getCodeActions(
  analysis: Analysis,
  path: string,
  range: Span,
  diagnostics: DiagnosticRef[],
  providers: QuickFixTable = {},
  options: { ignoreComments?: boolean } = {},
): CodeActionResult[] {
  const file = fileIndex(analysis, path);
  if (file < 0) return [];
  const manuscript = analysis.files[file];
  const out: CodeActionResult[] = [];
  const ignores: CodeActionResult[] = [];
  for (const diagnostic of diagnostics) {
    if (!overlaps(diagnostic.span, range) && !overlaps(range, diagnostic.span)) continue;
    if (!hasOurCode(diagnostic)) continue;
    const data = isObject(diagnostic.data) ? diagnostic.data : undefined;
    out.push(...fixesOf({ analysis, path, manuscript, diagnostic, data }, providers));
    const ignore = options.ignoreComments ? ignoreOnLine(manuscript, path, diagnostic) : null;
    // Two diagnostics of one code on one line share one comment, so one action.
    if (ignore && !ignores.some((a) => a.title === ignore.title && sameEdits(a, ignore))) ignores.push(ignore);
  }
  // One renumber action is enough however many numbering diagnostics are in range.
  const fixes = out.filter((a, i) => !a.command || out.findIndex((b) => b.command?.name === a.command!.name) === i);
  return [...fixes, ...ignores];
}

/** The fixes of one diagnostic of code `C`: the table's providers for `C`, then the caller's. */
function fixesOf<C extends DiagnosticCode>(context: QuickFixContext<C>, providers: QuickFixTable): CodeActionResult[] {
  const code: C = context.diagnostic.code;
  const out: CodeActionResult[] = [];
  for (const provider of new Set([...(quickFixes[code] ?? []), ...(providers[code] ?? [])])) {
    try {
      out.push(...provider(context));
    } catch {
      // a failing provider loses its own fixes only
    }
  }
  return out;
}

function sameEdits(a: CodeActionResult, b: CodeActionResult): boolean {
  const [ea, eb] = [[...(a.edits?.values() ?? [])].flat(), [...(b.edits?.values() ?? [])].flat()];
  return ea.length === eb.length && ea.every((e, i) => e.span.start === eb[i].span.start && e.newText === eb[i].newText);
}

function hasOurCode(diagnostic: DiagnosticRef): diagnostic is DiagnosticRef & { code: DiagnosticCode } {
  return isDiagnosticCode(diagnostic.code);
}

/** Data the editor sent back that fields can be read from (anything else reads as none). */
function isObject(data: unknown): data is SentBack<never> {
  return typeof data === 'object' && data !== null;
}
