/**
 * Applying text edits to a string, as an editor applies a `WorkspaceEdit` to one document.
 */
import type { TextEdit } from './editPlan';

/** Why a set of edits cannot be applied. */
export interface EditProblem {
  message: string;
  /** The offending edits. */
  edits: TextEdit[];
}

/**
 * Checks that edits lie inside a text of length `length` and do not overlap (two insertions at one offset are
 * allowed and keep their given order). Returns null when they can be applied.
 */
export function editProblem(length: number, edits: readonly TextEdit[]): EditProblem | null {
  const sorted = sortEdits(edits);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (e.span.start < 0 || e.span.end < e.span.start || e.span.end > length) {
      return { message: `The edit at ${e.span.start}–${e.span.end} lies outside the text (length ${length}).`, edits: [e] };
    }
    const next = sorted[i + 1];
    if (next && next.span.start < e.span.end) {
      return { message: `The edits at ${e.span.start}–${e.span.end} and ${next.span.start}–${next.span.end} overlap.`, edits: [e, next] };
    }
  }
  return null;
}

/**
 * The text after the edits. Edits may come in any order; offsets refer to the original text.
 * Throws an Error naming the edits when they overlap or fall outside the text (see {@link editProblem}).
 *
 * @example
 * applyEdits('see [7].', [{ span: { start: 5, end: 6 }, newText: '6' }]) // 'see [6].'
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const problem = editProblem(text.length, edits);
  if (problem) throw new Error(problem.message);
  const sorted = sortEdits(edits);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(text.slice(at, e.span.start), e.newText);
    at = e.span.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** By start, then end; stable, so insertions at one offset keep their order. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.span.start - b.e.span.start || a.e.span.end - b.e.span.end || a.i - b.i).map((x) => x.e);
}
