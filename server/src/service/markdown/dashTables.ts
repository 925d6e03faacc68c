/**
 * The cells of Pandoc's simple and multiline tables (columns under dashed lines), which the Markdown tree does not
 * know: it reads each row as a paragraph (and a multiline table's last row, right above the closing dashes, as a
 * setext heading). Pandoc's numeric output writes every long table this way:
 *
 * ```
 *   -------------------------------------------
 *   Identifier        Example citation    Processed citation
 *   ----------------- ------------------- ------------------
 *   shortDOI          `doi:10/gddkhn`     [16]
 *
 *   PubMed (PMID)     `pmid:25851694`     [17]
 *   -------------------------------------------
 * ```
 *
 * A pipe table's cells are blocks of their own (`table-cell`); so are these, cut at the columns the dashes under
 * the header mark, so a citation alone in its cell has its cell as its claim whichever way the table is written.
 * One block per line of a cell: a multiline table's cell over several lines gives one block per line (a
 * `ProseBlock` is one span).
 */
import type { Heading, ProseBlock, Span } from '../types';

/** A multiline table's first or last line: one run of dashes. */
export const DASH_LINE = /^[ \t]*-{3,}[ \t]*$/;
/** A simple table's header underline: runs of dashes parted by spaces, one per column. */
export const COLUMN_LINE = /^[ \t]*-+(?:[ \t]+-+)+[ \t]*$/;
/**
 * A line starting with a column underline (`--- ---`): without one there is no simple or multiline table. A test
 * of single lines, so the incremental parse makes it chunk by chunk (`chunkScans.ts`).
 */
export const MAY_HAVE_DASH_TABLE = /(?:^|\n)[ \t]*-+[ \t]+-+/;
/** How far a table may run (lines): a bound on the search for its end. */
const MAX_TABLE_LINES = 400;

export interface Line {
  start: number;
  end: number;
  text: string;
}

/** The lines of `text` (offsets of each; the text without its line break or a trailing `\r`). */
export function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start, end, text: text.slice(start, end).replace(/\r$/, '') });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

/** A dash table: its span (first to last line) and its cells, one span per line and column. */
export interface DashTable {
  span: Span;
  cells: Span[];
  /** A multiline table's cells by row (rows are parted by blank lines), each cell's lines in order. */
  rows?: Span[][][];
}

/** The simple and multiline tables of `text`, in order. */
export function dashTables(text: string): DashTable[] {
  // Most manuscripts have none: skip the line split unless a column underline (`--- ---`) occurs at all.
  if (!MAY_HAVE_DASH_TABLE.test(text)) return [];
  const lines = linesOf(text);
  const blank = (i: number): boolean => i < 0 || i >= lines.length || lines[i].text.trim() === '';
  const tables: DashTable[] = [];
  for (let c = 0; c < lines.length; c++) {
    if (!COLUMN_LINE.test(lines[c].text)) continue;
    let first: number;
    let last: number;
    let multiline = false;
    // Multiline: an opening dash line above the header (after a blank line); rows to the closing dash line.
    let open = c - 1;
    while (open >= 0 && !blank(open) && !DASH_LINE.test(lines[open].text) && c - open < 10) open--;
    const headless = blank(c - 1) ? headlessMultiline(lines, c, blank) : -1;
    if (headless > 0) {
      first = c;
      last = headless;
      multiline = true;
    } else if (open >= 0 && open < c && DASH_LINE.test(lines[open].text) && blank(open - 1)) {
      multiline = true;
      first = open;
      last = c + 1;
      while (last < lines.length && last - c < MAX_TABLE_LINES && !DASH_LINE.test(lines[last].text)) last++;
      if (last >= lines.length || !DASH_LINE.test(lines[last].text)) continue;
    } else {
      // Simple: a header line (or none) above, rows down to a blank line (or the closing column line).
      first = blank(c - 1) ? c : c - 1;
      if (first === c - 1 && !blank(c - 2)) continue;
      last = c;
      while (!blank(last + 1) && !(last > c && COLUMN_LINE.test(lines[last].text))) last++;
      if (last === c) continue;
    }
    const columns = [...lines[c].text.matchAll(/-+/g)].map((m) => m.index ?? 0);
    const cells: Span[] = [];
    const rows: Span[][][] = [];
    let row: Span[][] | null = null;
    for (let i = first; i <= last; i++) {
      if (blank(i) || i === c) row = null;
      if (i === c || blank(i) || DASH_LINE.test(lines[i].text) || COLUMN_LINE.test(lines[i].text)) continue;
      if (!row) rows.push((row = columns.map(() => [])));
      const line = lines[i].text;
      for (let k = 0; k < columns.length; k++) {
        const from = columns[k];
        const to = k + 1 < columns.length ? columns[k + 1] : line.length;
        const cell = trimmed(line, Math.min(from, line.length), Math.min(to, line.length));
        if (!cell) continue;
        const span = { start: lines[i].start + cell.start, end: lines[i].start + cell.end };
        cells.push(span);
        row[k].push(span);
      }
    }
    tables.push({ span: { start: lines[first].start, end: lines[last].end }, cells, ...(multiline ? { rows } : {}) });
    c = last;
  }
  return tables;
}

/**
 * A multiline table without a header (Pandoc's `multilineTable True`): the column line at `c` after a blank line,
 * rows parted by blank lines, a closing line of dashes followed by a blank line. Pandoc tries a headless simple
 * table first, whose rows have no blank line between them, so a blank line among the rows is required here. Its
 * rows, indented to their columns, would otherwise be indented code to remark and lines of no table to the reader of
 * simple tables: a citation in a cell under an empty first cell was lost. The closing line's index, or -1.
 */
function headlessMultiline(lines: readonly Line[], c: number, blank: (i: number) => boolean): number {
  let sawBlank = false;
  for (let i = c + 1; i < lines.length && i - c < MAX_TABLE_LINES; i++) {
    if (DASH_LINE.test(lines[i].text) || COLUMN_LINE.test(lines[i].text)) return sawBlank && !blank(i - 1) && blank(i + 1) && i > c + 1 ? i : -1;
    if (blank(i)) {
      if (i === c + 1) return -1;
      sawBlank = true;
    }
  }
  return -1;
}

/**
 * Where each line of a multiline table's cell is read: Pandoc reads a row cell by cell, each cell's lines in
 * order, while the source interleaves the cells line by line. A converted Word table (`pandoc -f docx -t markdown`)
 * whose second column wraps onto five lines and cites [2] at its end, beside a third column citing [3–6] on the
 * first line, cites [2] first. Each cell line gets a reading position inside its row's first line, in that order.
 */
export function dashTableReading(tables: readonly DashTable[]): { span: Span; readAt: number }[] {
  const out: { span: Span; readAt: number }[] = [];
  for (const table of tables) for (const row of table.rows ?? []) readRow(row, out);
  return out;
}

/**
 * A table row read as Pandoc reads it (its cells in order, each cell's lines in order): each line's reading
 * position inside the row's first line, added to `out`. Shared with grid tables (`gridTables.ts`).
 */
export function readRow(row: Span[][], out: { span: Span; readAt: number }[]): void {
  const spans = row.flat();
  if (!spans.length) return;
  const rowStart = Math.min(...spans.map((s) => s.start));
  let n = 0;
  for (const cell of row) for (const span of cell) out.push({ span, readAt: rowStart + n++ / (spans.length + 1) });
}

/** The part of `line` between `from` and `to` without surrounding white space, or null when blank. */
export function trimmed(line: string, from: number, to: number): Span | null {
  while (from < to && /\s/.test(line[from])) from++;
  while (to > from && /\s/.test(line[to - 1])) to--;
  return to > from ? { start: from, end: to } : null;
}

/**
 * `blocks` and `headings` with each dash table's rows (paragraphs, or the setext heading the tree made of its last
 * row) replaced by its cells, and the heading paths recomputed without such headings.
 */
export function withDashTableCells(tables: readonly DashTable[], blocks: ProseBlock[], headings: Heading[]): { blocks: ProseBlock[]; headings: Heading[] } {
  if (!tables.length) return { blocks, headings };
  const inTable = (s: Span): boolean => tables.some((t) => s.start >= t.span.start && s.start < t.span.end);
  const kept = headings.filter((h) => !inTable(h.span));
  const out: ProseBlock[] = [];
  let t = 0;
  for (const block of blocks) {
    while (t < tables.length && tables[t].span.end <= block.span.start) t++;
    const table = tables[t];
    if (!table || block.span.start < table.span.start || (block.kind !== 'paragraph' && block.kind !== 'heading')) {
      out.push(block);
      continue;
    }
    // The table's cells stand in for its first block; its other blocks are dropped.
    if (out.length && out[out.length - 1].kind === 'table-cell' && out[out.length - 1].span.start >= table.span.start) continue;
    for (const span of table.cells) out.push({ span, headingPath: block.headingPath, kind: 'table-cell' });
  }
  if (kept.length === headings.length) return { blocks: out, headings };
  // Heading paths from the headings left (a table's last row read as a heading popped real ones off the path).
  // New blocks: the parsed ones may be shared with the incremental parse's cache.
  const path: Heading[] = [];
  let h = 0;
  const repathed = out.map((block) => {
    while (h < kept.length && kept[h].span.start < block.span.start) {
      while (path.length && path[path.length - 1].depth >= kept[h].depth) path.pop();
      path.push(kept[h++]);
    }
    return { ...block, headingPath: path.map((x) => x.text) };
  });
  return { blocks: repathed, headings: kept };
}
