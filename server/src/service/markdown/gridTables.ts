/**
 * The reading order of Pandoc's grid tables (`+----+----+` borders, `| … | … |` rows), which `pandoc -f docx -t
 * markdown` writes for a Word table whose cells hold several paragraphs. Pandoc reads a row cell by cell, each
 * cell's lines in order; the source interleaves the cells line by line, so a citation at the end of a wrapped cell
 * sits after the next cell's first line. As `dashTableReading` does for multiline tables, each cell line gets a
 * reading position inside its row's first line (`orderByReading` in manuscript.ts sorts by it).
 */
import type { Span } from '../types';
import { linesOf } from './dashTables';

/** A border: `+---+---+`, `+===+===+` (under the header), `+:--+--:+` (alignments). */
const BORDER = /^[ \t]*\+(?:[-=:]+\+)+[ \t]*$/;

export function gridTableReading(text: string): { span: Span; readAt: number }[] {
  // Most manuscripts have none: skip the line split unless a border occurs at all.
  if (!/(?:^|\n)[ \t]*\+[-=:]{3,}\+/.test(text)) return [];
  const out: { span: Span; readAt: number }[] = [];
  const lines = linesOf(text);
  let columns: number[] | null = null;
  let row: Span[][] = [];
  const flush = (): void => {
    const spans = row.flat();
    if (spans.length) {
      const rowStart = Math.min(...spans.map((s) => s.start));
      let n = 0;
      for (const cell of row) for (const span of cell) out.push({ span, readAt: rowStart + n++ / (spans.length + 1) });
    }
    row = [];
  };
  for (const line of lines) {
    if (BORDER.test(line.text)) {
      flush();
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
      const from = Math.min(columns[k] + 1, line.text.length);
      const to = Math.min(columns[k + 1], line.text.length);
      let a = from;
      let b = to;
      while (a < b && /\s/.test(line.text[a])) a++;
      while (b > a && /\s/.test(line.text[b - 1])) b--;
      if (b > a) row[k].push({ start: line.start + a, end: line.start + b });
    }
  }
  flush();
  return out;
}
