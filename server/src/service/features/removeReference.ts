/**
 * "Remove reference [6] from the list", the other answer to an `orphaned-reference` list item: one undoable edit
 * that deletes the item and keeps the numbering right in the same edit. An orphan is cited nowhere, not even inside a
 * range (`[5–7]` cites 6), so every higher number can move down by one without changing what any citation names:
 * the list markers after it and every citation number above it (in every chapter) are decremented in place — only
 * the digits change, so ranges, separators and locators stay as written. The title says so plainly:
 * "Remove reference [6] from the list and renumber [7]–[20] as [6]–[19]", or "…(no renumbering needed)" when it
 * is the last number.
 */
import type { Citation, ReferenceItem, Span } from '../types';
import { addEdit, type TextEdit, type WorkspaceEdits } from './featureTypes';
import type { CodeActionResult, QuickFixContext } from './quickFixTypes';

export function removeOrphanedItem({ analysis, diagnostic, data }: QuickFixContext<'orphaned-reference'>): CodeActionResult[] {
  const number = typeof data?.number === 'number' ? data.number : null;
  if (number === null || analysis.referenceFile < 0) return [];
  const file = analysis.files[analysis.referenceFile];
  const items = file.referenceList?.items ?? [];
  const at = items.findIndex((i) => i.number === number);
  // A stale diagnostic (the item is gone, or is cited by now), or a number listed twice: nothing to offer.
  if (at < 0 || items.some((i, k) => k !== at && i.number === number)) return [];
  if (analysis.resolutions.some((r) => r.item.kind === 'number' && r.item.number === number)) return [];
  const edits: WorkspaceEdits = new Map();
  addEdit(edits, file.uri, { span: removalSpan(file.text, items, at), newText: '' });
  let highest = number;
  for (const item of items) {
    if (item.number === null || item.number <= number) continue;
    highest = Math.max(highest, item.number);
    const digits = markerDigits(file.text, item);
    if (digits) addEdit(edits, file.uri, { span: digits, newText: String(item.number - 1) });
  }
  for (const f of analysis.files) {
    for (const c of f.citations) {
      if (c.style !== 'numeric' || c.nocite) continue;
      for (const edit of shiftedNumbers(f.text, c, number)) {
        highest = Math.max(highest, Number(f.text.slice(edit.span.start, edit.span.end)));
        addEdit(edits, f.uri, edit);
      }
    }
  }
  for (const list of edits.values()) list.sort((a, b) => a.span.start - b.span.start);
  const renumbered = highest > number
    ? ` and renumber [${number + 1}]${highest > number + 1 ? `–[${highest}]` : ''} as [${number}]${highest > number + 1 ? `–[${highest - 1}]` : ''}`
    : ' (no renumbering needed)';
  return [{ title: `Remove reference [${number}] from the list${renumbered}`, kind: 'quickfix', diagnostics: [diagnostic], edits }];
}

/** The item's lines with the gap after it (the gap before it when it is the last item), so the list stays tidy. */
function removalSpan(text: string, items: ReferenceItem[], at: number): Span {
  const item = items[at];
  const next = items[at + 1];
  if (next) return { start: lineStartOf(text, item.span.start), end: lineStartOf(text, next.span.start) };
  const previous = items[at - 1];
  if (previous) return { start: previous.span.end, end: item.span.end };
  return { start: lineStartOf(text, item.span.start), end: item.span.end };
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The digits of an item's marker (`6` in `6.` or `[6]`). */
function markerDigits(text: string, item: ReferenceItem): Span | null {
  const m = /\d+/.exec(text.slice(item.numberSpan.start, item.numberSpan.end));
  return m ? { start: item.numberSpan.start + m.index, end: item.numberSpan.start + m.index + m[0].length } : null;
}

/** Each number above `removed` in a citation's segments (or, malformed, its text), one less. */
function shiftedNumbers(text: string, c: Citation, removed: number): TextEdit[] {
  const spans = c.malformed || !c.segments?.length ? [c.span] : c.segments.map((s) => s.span);
  const out: TextEdit[] = [];
  for (const span of spans) {
    for (const m of text.slice(span.start, span.end).matchAll(/\d+/g)) {
      const n = Number(m[0]);
      if (n > removed) out.push({ span: { start: span.start + m.index, end: span.start + m.index + m[0].length }, newText: String(n - 1) });
    }
  }
  return out;
}
