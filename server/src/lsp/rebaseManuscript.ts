/**
 * Carrying a manuscript model over to a newer text without re-parsing it, for requests that must answer at
 * typing speed (completion, `ServerContext.quickAnalysisFor`) while the full analysis of the new text is still to
 * come. Only the language server answers while the text changes under it, so this lives in its host. Only the text and the
 * excluded spans (code, math, comments…) are carried over; an edit inside an excluded span keeps it excluded.
 */
import type { Manuscript, Span } from '../service/types';

/** The changed region: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The single region where `before` and `after` differ (common prefix and suffix removed), or null if equal. */
export function diffRegion(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/**
 * Maps a span of the old text onto the new one: spans before the change stay, spans after it move, spans the
 * change cuts into stretch over the new text of the change. Typing right after or before a span is outside it.
 */
export function rebaseSpan(span: Span, change: TextChange): Span {
  if (span.end <= change.start) return span;
  const delta = change.newEnd - change.oldEnd;
  if (span.start >= change.oldEnd) return { start: span.start + delta, end: span.end + delta };
  return { start: Math.min(span.start, change.start), end: Math.max(span.end + delta, change.newEnd) };
}

/** `manuscript` with `text` as its text and its excluded spans moved to match; other fields are the old ones. */
export function rebaseManuscript(manuscript: Manuscript, text: string): Manuscript {
  const change = diffRegion(manuscript.text, text);
  if (!change) return manuscript;
  return { ...manuscript, text, excluded: manuscript.excluded.map((s) => rebaseSpan(s, change)) };
}
