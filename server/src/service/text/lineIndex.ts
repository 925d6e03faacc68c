/**
 * Offsets ↔ line/character positions, the one line index of Citelens. The core keeps offsets (UTF-16 code
 * units); the hosts turn them into positions with this index: the CLI and SARIF directly, the language server
 * through `lsp/positions.ts` (a `TextDocument` over it), and the renumber notes' `path:line:`. Positions are
 * LSP's, exactly as `vscode-languageserver-textdocument` computes them: `\r\n`, `\r` and `\n` each end a line;
 * characters are UTF-16 code units; an offset is clamped to the text and never falls between a line's end and its
 * line break (an offset inside `\r\n` or after a line's `\r` is reported at the end of the line).
 *
 * A long text's line starts can be found in steps ({@link lineStartSteps}), so a host may build the index a few
 * milliseconds at a time (the language server does for a 15 MB bibliography).
 */
import { upperBound } from '../util/search';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit offset in the line. */
  character: number;
}

/** Characters scanned between two steps of {@link lineStartSteps} (256 K, ~1 ms). */
const STEP_CHARS = 1 << 18;

export class LineIndex {
  private readonly starts: readonly number[];

  /**
   * @param starts the line starts of `text` if already found (by {@link lineStartSteps}); else found now.
   */
  constructor(readonly text: string, starts?: readonly number[]) {
    this.starts = starts ?? runToEnd(lineStartSteps(text));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of `offset` (clamped to the text). */
  position(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
    const line = upperBound(this.starts, offset) - 1;
    const start = this.starts[line];
    return { line, character: this.beforeEol(offset, start) - start };
  }

  /** The offset of `position`: clamped to its line (before the line break) and to the text. */
  offset(position: Position): number {
    const starts = this.starts;
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = starts[position.line];
    if (position.character <= 0) return start;
    return this.beforeEol(Math.min(start + position.character, this.nextStart(position.line)), start);
  }

  /** Start and end (before the line break) of `line`; past the last line, the last line; before the first, 0:0. */
  lineRange(line: number): { start: Position; end: Position } {
    const starts = this.starts;
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.text.length - starts[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = starts[line];
    const end = this.beforeEol(this.nextStart(line), start);
    return { start: { line, character: 0 }, end: { line, character: end - start } };
  }

  /** The line break ending `line` (`\r\n`, `\r`, `\n`, or '' for the last line and lines out of range). */
  eolCharacters(line: number): string {
    if (line >= this.starts.length || line < 0) return '';
    const next = this.nextStart(line);
    return this.text.substring(this.beforeEol(next, this.starts[line]), next);
  }

  private nextStart(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.text.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

/**
 * The line starts of `text` (the first is 0), found {@link STEP_CHARS} characters at a time: the generator yields
 * between steps and returns the starts. Run it to the end at once, or in slices (`runStepsInSlices`).
 */
export function* lineStartSteps(text: string): Generator<void, number[], void> {
  const starts = [0];
  const noCarriageReturn = text.indexOf('\r') < 0;
  let at = 0;
  while (at < text.length) {
    at = noCarriageReturn ? newlineStarts(text, at, starts) : lineStarts(text, at, starts);
    if (at < text.length) yield;
  }
  return starts;
}

function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Appends the line starts after `\n`s from `from` for up to a step of text; returns where it stopped. */
function newlineStarts(text: string, from: number, starts: number[]): number {
  const end = Math.min(text.length, from + STEP_CHARS);
  let i = text.indexOf('\n', from);
  while (i >= 0 && i < end) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return i < 0 ? text.length : i;
}

/** As {@link newlineStarts}, for texts with `\r`: `\r\n`, `\r` and `\n` each end a line. */
function lineStarts(text: string, from: number, starts: number[]): number {
  const end = Math.min(text.length, from + STEP_CHARS);
  let i = from;
  // Each search result is reused until passed: `\r`s may be rare, and searching again per line is quadratic.
  let cr = text.indexOf('\r', i);
  let lf = text.indexOf('\n', i);
  while (i < end) {
    if (cr >= 0 && cr < i) cr = text.indexOf('\r', i);
    if (lf >= 0 && lf < i) lf = text.indexOf('\n', i);
    const eol = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
    if (eol < 0) return text.length;
    i = eol + (eol === cr && lf === cr + 1 ? 2 : 1);
    starts.push(i);
  }
  return i;
}

function isEol(ch: number): boolean {
  return ch === 13 || ch === 10;
}
