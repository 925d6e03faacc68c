/**
 * The reading order of Pandoc's grid tables (`+----+----+` borders, `| … | … |` rows), which `pandoc -f docx -t
 * markdown` writes for a Word table whose cells hold several paragraphs. Pandoc reads a row cell by cell, each
 * cell's lines in order; the source interleaves the cells line by line, so a citation at the end of a wrapped cell
 * sits after the next cell's first line. As `dashTableReading` does for multiline tables, each cell line gets a
 * reading position inside its row's first line (`orderByReading` in manuscript.ts sorts by it).
 */
import type { Span } from '../types';
import { linesOf, readRow, trimmed } from './dashTables';

/** A border: `+---+---+`, `+===+===+` (under the header), `+:--+--:+` (alignments). */
const BORDER = /^[ \t]*\+(?:[-=:]+\+)+[ \t]*$/;

/** A line starting with a border: without one there is no grid table (a test of single lines, see `chunkScans.ts`). */
export const MAY_HAVE_GRID_TABLE = /(?:^|\n)[ \t]*\+[-=:]{3,}\+/;

/** A list item's first line: its marker and the spaces after it, up to where its text starts. */
const LIST_ITEM = /^([ \t]*(?:[-*+]|\d{1,9}[.)]|#\.)[ \t]+)\S/;

/**
 * Whether the border on line `i` can open a grid table as Pandoc 2.17 reads one: at the margin, or indented to the
 * text of the list item it is in. Indented otherwise (`  +----+`), Pandoc reads its lines as a paragraph, line by
 * line, and so must the reading order here.
 */
export function gridTableStartsHere(lines: readonly { text: string }[], i: number): boolean {
  const indent = /^ */.exec(lines[i].text)![0].length;
  if (indent === 0) return true;
  for (let k = i - 1; k >= 0; k--) {
    const text = lines[k].text;
    if (text.trim() === '') continue;
    const lead = /^ */.exec(text)![0].length;
    if (lead >= indent) continue;
    const item = LIST_ITEM.exec(text);
    return item !== null && item[1].length === indent;
  }
  return false;
}

export function gridTableReading(text: string): { span: Span; readAt: number }[] {
  // Most manuscripts have none: skip the line split unless a border occurs at all.
  if (!MAY_HAVE_GRID_TABLE.test(text)) return [];
  const out: { span: Span; readAt: number }[] = [];
  const lines = linesOf(text);
  let columns: number[] | null = null;
  let row: Span[][] = [];
  const flush = (): void => {
    readRow(row, out);
    row = [];
  };
  for (const [i, line] of lines.entries()) {
    if (BORDER.test(line.text)) {
      flush();
      if (!columns && !gridTableStartsHere(lines, i)) continue;
      columns = [...line.text.matchAll(/\+/g)].map((m) => m.index ?? 0);
      row = columns.slice(1).map(() => []);
      continue;
    }
    if (!columns || !/^[ \t]*\|/.test(line.text)) {
      flush();
      columns = null;
      continue;
    }
    for (let k = 0; k + 1 < columns.length; k++) {
      const cell = trimmed(line.text, Math.min(columns[k] + 1, line.text.length), Math.min(columns[k + 1], line.text.length));
      if (cell) row[k].push({ start: line.start + cell.start, end: line.start + cell.end });
    }
  }
  flush();
  return out;
}
