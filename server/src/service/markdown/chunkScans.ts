/**
 * The whole-text line scans of a manuscript's parse, made chunk by chunk so that a keystroke re-reads only the
 * chunk it changed (`chunks.ts` caches them with the chunk's parse): the lines that may be a reference-list title,
 * and whether Pandoc's simple, multiline or grid tables, or captions after a blank line, occur at all (most
 * manuscripts have none, and the readers that split the whole text into lines run only when they do). On the
 * bench's 50,000-word manuscript these scans cost ~1.6 ms of every keystroke when made on the whole text.
 *
 * Each scan gives what the whole-text scan gives: a match lies within one line and the blank line above it, and a
 * chunk starts only after a blank line (`splitChunks`), so a match lies inside one chunk or starts one, where the
 * chunk alone cannot see the blank line above: that is checked in the whole text (`addChunkScan`).
 * `test/unit/incremental.test.ts` compares them with whole-text scans after random edits.
 */
import { CAPTION, MAY_HAVE_CAPTION } from './dashTableCaptions';
import { MAY_HAVE_DASH_TABLE } from './dashTables';
import { MAY_HAVE_GRID_TABLE } from './gridTables';
import { type TitleLine, titleLines } from './referenceList';

/** The scans of one chunk (offsets in the chunk), or of a whole document (offsets in it). */
export interface LineScan {
  /** Lines that may be a reference-list title (`titleLines`). */
  titles: TitleLine[];
  /** Whether a column underline occurs (`MAY_HAVE_DASH_TABLE`): only then are dash tables read. */
  dashTables: boolean;
  /** Whether a grid border occurs (`MAY_HAVE_GRID_TABLE`). */
  gridTables: boolean;
  /** Whether a caption after a blank line may occur (`MAY_HAVE_CAPTION`; true more often is harmless). */
  captions: boolean;
}

/** The scans of a chunk; `first`: the chunk starts the document. */
export function scanChunk(chunkText: string, first: boolean): LineScan {
  return {
    titles: titleLines(chunkText),
    dashTables: MAY_HAVE_DASH_TABLE.test(chunkText),
    gridTables: MAY_HAVE_GRID_TABLE.test(chunkText),
    // A caption that starts a chunk has its blank line at the end of the chunk before.
    captions: MAY_HAVE_CAPTION.test(chunkText) || (!first && CAPTION.test(chunkText)),
  };
}

/** The scans of the whole text (the reference the chunked scans must equal). */
export function scanText(text: string): LineScan {
  return scanChunk(text, true);
}

export function emptyScan(): LineScan {
  return { titles: [], dashTables: false, gridTables: false, captions: false };
}

/** Adds a chunk's scan, the chunk starting at `at` of `text`, to the document's (`out`). */
export function addChunkScan(out: LineScan, scan: LineScan, text: string, at: number): void {
  for (const t of scan.titles) {
    // At a chunk's start `^` matched; in the whole text a title line needs a blank line above it (or none at all).
    if (t.start === 0 && at > 0 && !blankLineBefore(text, at)) continue;
    out.titles.push(at === 0 ? t : { start: t.start + at, line: t.line });
  }
  out.dashTables ||= scan.dashTables;
  out.gridTables ||= scan.gridTables;
  out.captions ||= scan.captions;
}

/** Whether `text` ends at `at` with a line break, a line of spaces and tabs, and its line break (`\n[ \t]*\r?\n`). */
function blankLineBefore(text: string, at: number): boolean {
  let i = at - 1;
  if (text[i] !== '\n') return false;
  i--;
  if (text[i] === '\r') i--;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && text[i] === '\n';
}
