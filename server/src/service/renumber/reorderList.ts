/**
 * Rewriting a numbered reference list in a new order: items move between the list's slots, markers get their
 * new numbers, and everything between items (blank lines, indentation, anything that is not an item) stays where
 * it was. So an item's own text moves byte for byte, and a tight list stays tight, a loose one loose.
 */
import { cslEntryWrapper } from '../markdown/referenceList';
import type { ReferenceItem, ReferenceList, Span } from '../types';
import type { TextEdit } from './editPlan';

/** One item in its new place. */
export interface PlacedItem {
  item: ReferenceItem;
  /** The number its marker gets. */
  number: number;
  /** A new text for the item (after its marker); default: its own text. */
  text?: string;
}

/**
 * Edits that put `placed[k]` into the k-th slot of `list` (slot = the span of the k-th item as written). Slots
 * beyond `placed.length` are deleted with the blank lines before them (items left out of `placed` are removed).
 */
export function reorderListEdits(text: string, list: ReferenceList, placed: readonly PlacedItem[]): TextEdit[] {
  // A list citeproc rendered: each item moves inside its `csl-entry` div, whose id (`ref-key`) the text's links name,
  // so the links still reach the work they number. Only when every item has one: else slots and items would not match.
  const wrappers = list.items.map((item) => cslEntryWrapper(text, item.span));
  const wrapped = wrappers.every((w) => w !== null);
  const slots = wrapped ? list.items.map((item, k) => ({ ...item, span: wrappers[k]! })) : list.items;
  placed = wrapped ? placed.map((p) => ({ ...p, item: slots[list.items.indexOf(p.item)] ?? p.item })) : placed;
  const edits: TextEdit[] = [];
  placed.forEach((p, k) => {
    const slot = slots[k];
    if (p.item === slot) {
      const digits = markerDigits(text, p.item);
      if (digits && Number(text.slice(digits.start, digits.end)) !== p.number) edits.push({ span: digits, newText: String(p.number) });
      // The later parts of a lettered item (`[2b]` after `[2a]`) take the same number.
      if (p.text === undefined) {
        for (const part of laterParts(p.item)) if (Number(text.slice(part.start, part.end)) !== p.number) edits.push({ span: { ...part }, newText: String(p.number) });
      }
      if (p.text !== undefined && p.text !== p.item.text) edits.push({ span: { ...p.item.textSpan }, newText: p.text });
    } else {
      const content = itemContent(text, p);
      if (content !== text.slice(slot.span.start, slot.span.end)) edits.push({ span: { ...slot.span }, newText: content });
    }
  });
  // Removed slots: from the end of the last kept slot (or the first removed item) to the end of the list.
  if (placed.length < slots.length) {
    const last = slots[slots.length - 1];
    let start = placed.length > 0 ? slots[placed.length - 1].span.end : slots[0].span.start;
    // Keep anything that is not whitespace between removed items (a comment, a stray paragraph).
    for (let k = placed.length; k < slots.length; k++) {
      const gapStart = k === 0 ? slots[0].span.start : slots[k - 1].span.end;
      const gap = text.slice(gapStart, slots[k].span.start);
      if (gap.trim() !== '') {
        if (start < gapStart) edits.push({ span: { start, end: gapStart }, newText: '' });
        start = slots[k].span.start;
      }
    }
    if (start < last.span.end) edits.push({ span: { start, end: last.span.end }, newText: '' });
  }
  return edits;
}

/** The text of an item with its marker renumbered (and its text replaced when asked). */
export function itemContent(text: string, p: PlacedItem): string {
  const { item } = p;
  const digits = markerDigits(text, item);
  const head = digits
    ? text.slice(item.span.start, digits.start) + String(p.number) + text.slice(digits.end, item.textSpan.start)
    : text.slice(item.span.start, item.textSpan.start);
  let body = p.text;
  if (body === undefined) {
    body = '';
    let at = item.textSpan.start;
    for (const part of laterParts(item)) {
      body += text.slice(at, part.start) + String(p.number);
      at = part.end;
    }
    body += text.slice(at, item.textSpan.end);
  }
  return head + body + text.slice(item.textSpan.end, item.span.end);
}

/** The digits of a lettered item's parts after its first (`2` of `[2b]`, `[2c]`), inside its text. */
function laterParts(item: ReferenceItem): Span[] {
  return (item.parts ?? []).filter((part) => part.start >= item.textSpan.start && part.end <= item.textSpan.end);
}

/** Span of the digits in an item's marker (`12` in `12.` or `[12]`). */
function markerDigits(text: string, item: ReferenceItem): { start: number; end: number } | null {
  const marker = text.slice(item.numberSpan.start, item.numberSpan.end);
  const m = /\d+/.exec(marker);
  return m ? { start: item.numberSpan.start + m.index, end: item.numberSpan.start + m.index + m[0].length } : null;
}
