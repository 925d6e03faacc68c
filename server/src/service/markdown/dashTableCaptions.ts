/**
 * Captions written after Pandoc's own tables — simple and multiline tables (columns under dashed lines) and grid
 * tables (`+---+`), which the Markdown tree does not know — with where Pandoc reads them: before the table's cells
 * (its `Table` holds the caption first). Pandoc's numeric output writes every long table this way:
 *
 * ```
 *   ------------------------------
 *   Identifier    Example citation
 *   ------------- ----------------
 *   shortDOI      [16]
 *   ------------------------------
 *
 *   : **Citation types.** Fetched by Greycite [15].
 * ```
 *
 * is numbered as Pandoc numbered it only if `[15]` counts before `[16]`. Pipe tables are handled with the tree
 * (`tableCaptionsAfter` in `manuscript.ts`).
 */
import { COLUMN_LINE, DASH_LINE, type Line, linesOf } from './dashTables';
import { gridTableStartsHere } from './gridTables';
import type { Span } from '../types';

/** Pandoc's `tableCaption`: up to three spaces, then `Table:`, `table:` or `:`, then the caption. */
export const CAPTION = /^ {0,3}(?:[Tt]able)?:[ \t]/;
/**
 * A caption after a blank line: without one there is no caption to place. Its match lies inside one chunk of the
 * incremental parse, or starts a chunk (a chunk starts after a blank line), so it is tested chunk by chunk
 * (`chunkScans.ts`).
 */
export const MAY_HAVE_CAPTION = /\n[ \t]*\r?\n {0,3}(?:[Tt]able)?:[ \t]/;
/** A grid table's border or separator. */
const GRID_LINE = /^[ \t]*\+[-=:+]+\+[ \t]*$/;

/** Captions after a dash or grid table (caption span, and the offset of the table's first line). */
export function dashTableCaptions(text: string): { span: Span; readAt: number }[] {
  // Most manuscripts have no such table: skip the line split unless a caption after a blank line occurs at all.
  if (!MAY_HAVE_CAPTION.test(text)) return [];
  const lines = linesOf(text);
  const blank = (i: number): boolean => i < 0 || i >= lines.length || lines[i].text.trim() === '';
  const out: { span: Span; readAt: number }[] = [];
  for (let i = 2; i < lines.length; i++) {
    if (!CAPTION.test(lines[i].text) || !blank(i - 1)) continue;
    const table = tableStartBefore(lines, i - 2, blank);
    if (table === null) continue;
    let last = i;
    while (!blank(last + 1)) last++;
    out.push({ span: { start: lines[i].start, end: lines[last].end }, readAt: lines[table].start });
  }
  return out;
}

/** The first line of the table whose last line is `end`, or null when `end` ends no dash or grid table. */
function tableStartBefore(lines: Line[], end: number, blank: (i: number) => boolean): number | null {
  if (blank(end)) return null;
  let first = end;
  while (!blank(first - 1)) first--;
  // A simple table: a header line over its column dashes; headerless, column dashes first and last.
  // (Not a last row over closing dashes: a headerless multiline table's, below.)
  if (first + 1 < end && COLUMN_LINE.test(lines[first + 1].text) && !DASH_LINE.test(lines[first].text)) return first;
  if (first < end && COLUMN_LINE.test(lines[first].text) && COLUMN_LINE.test(lines[end].text)) return first;
  if (GRID_LINE.test(lines[first].text) && GRID_LINE.test(lines[end].text)) return gridTableStartsHere(lines, first) ? first : null;
  // A multiline table: between two single dash lines, rows parted by blank lines; headerless, from its column
  // dashes (`---- ----`) to its closing dashes (either form).
  const dashes = (k: number): boolean => DASH_LINE.test(lines[k].text) || COLUMN_LINE.test(lines[k].text);
  if (dashes(end)) {
    for (let k = end - 1; k >= Math.max(0, end - MAX_TABLE_LINES); k--) if (dashes(k) && blank(k - 1)) return k;
  }
  return null;
}

/** How far up a multiline table's opening dashes are looked for. */
const MAX_TABLE_LINES = 400;
