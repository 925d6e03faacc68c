/**
 * Footnotes as `pandoc -t commonmark` writes them (CommonMark has none): the mark is a bare `[1]` right after the
 * text (`… in fish \[5\].[1] Degradation …`) and the note a paragraph `[1] Fish were sampled…` after the
 * reference list. The same writer escapes every bracket the author typed, so the manuscript's own citations are
 * `\[1\]`: an unescaped `[n]` glued to the text before it, with a note paragraph `[n] …` after the list, is a note
 * mark, and that paragraph's `[n]` its label — neither cites work n. A citation in the note itself (`\[5\]`) still
 * counts (after the text; its place is not known).
 */
import type { Citation, Manuscript } from '../../types';

/** A note paragraph after the reference list: `[1] Fish were sampled…` at the start of a line. */
const NOTE_LABEL = /^[ \t]{0,3}\[(\d{1,3})\][ \t]+\S/gm;

/** The note marks and note labels among `manuscript`'s citations (empty when it is not such a conversion). */
export function commonmarkNoteMarks(manuscript: Manuscript): Set<Citation> {
  const marks = new Set<Citation>();
  const list = manuscript.referenceList;
  if (!list || !manuscript.citations.some((c) => c.style === 'numeric' && c.raw.startsWith('\\['))) return marks;
  const { text } = manuscript;
  const notes = new Map<number, number>();
  NOTE_LABEL.lastIndex = list.span.end;
  for (let m = NOTE_LABEL.exec(text); m; m = NOTE_LABEL.exec(text)) notes.set(Number(m[1]), m.index + m[0].indexOf('['));
  if (notes.size === 0) return marks;
  for (const c of manuscript.citations) {
    const n = c.items.length === 1 ? c.items[0].number : undefined;
    if (c.style !== 'numeric' || n === undefined || c.raw !== `[${n}]` || !notes.has(n)) continue;
    const before = text[c.span.start - 1] ?? '\n';
    // The label opening the note, or a mark glued to the text (not one inside an HTML cell, `<td>[1]</td>`).
    if (notes.get(n) === c.span.start || !/[\s>]/.test(before)) marks.add(c);
  }
  return marks;
}
