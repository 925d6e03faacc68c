/**
 * The one place where the core's offsets (UTF-16 code units into a document's text) become LSP positions
 * (line, UTF-16 character) and back. It works on the exact text a result was computed from, so a position is
 * never computed against a different version of the document.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver';
import type { Span } from '../service/types';

/** Line tables of recently used texts, by path; a lookup hits only for the very same text. */
const cache = new Map<string, TextDocument>();
const CACHE_SIZE = 64;

/**
 * A line table for `text` (the document `path` as some result saw it). Pass the editor's own document when it
 * holds that text: its line table is already built.
 */
export function lineTable(path: string, text: string, open?: TextDocument): TextDocument {
  if (open && open.getText() === text) return open;
  const hit = cache.get(path);
  if (hit && hit.getText() === text) return hit;
  const doc = TextDocument.create(path, 'plaintext', 0, text);
  cache.delete(path);
  cache.set(path, doc);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return doc;
}

/** Texts at least this long get their line table built in slices by {@link lineTableInSlices}. */
const SLICED_FROM = 1 << 20;
/** Milliseconds of line scanning between pauses. */
const SLICE_MS = 8;

/**
 * The same line table as {@link lineTable}, but a long text's line starts are found a few milliseconds at a
 * time with `pause()` awaited between slices (a 15 MB bibliography takes ~60 ms at once).
 */
export function lineTableInSlices(path: string, text: string, pause: () => Promise<void>, slicedFrom = SLICED_FROM): Promise<TextDocument> {
  const hit = cache.get(path);
  if (hit && hit.getText() === text) return Promise.resolve(hit);
  if (text.length < slicedFrom) return Promise.resolve(lineTable(path, text));
  // Publishing an analysis and its bibliography may ask for the same table at once: build it once.
  const pending = building.get(path);
  if (pending && pending.text === text) return pending.table;
  const table = buildInSlices(path, text, pause).finally(() => {
    if (building.get(path)?.table === table) building.delete(path);
  });
  building.set(path, { text, table });
  return table;
}

/** Line tables being built in slices, by path. */
const building = new Map<string, { text: string; table: Promise<TextDocument> }>();

async function buildInSlices(path: string, text: string, pause: () => Promise<void>): Promise<TextDocument> {
  const starts = [0];
  const noCarriageReturn = text.indexOf('\r') < 0;
  let at = 0;
  let until = performance.now() + SLICE_MS;
  while (at < text.length) {
    at = noCarriageReturn ? newlineStarts(text, at, starts) : lineStarts(text, at, starts);
    if (at < text.length && performance.now() >= until) {
      await pause();
      until = performance.now() + SLICE_MS;
    }
  }
  const doc = new LineTable(path, text, starts);
  // Another caller may have built it meanwhile: keep whichever is in the cache.
  const again = cache.get(path);
  if (again && again.getText() === text) return again;
  cache.delete(path);
  cache.set(path, doc);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return doc;
}

/** Appends the line starts after `\n`s from `from` for up to 256 KB of text; returns where it stopped. */
function newlineStarts(text: string, from: number, starts: number[]): number {
  const end = Math.min(text.length, from + (1 << 18));
  let i = text.indexOf('\n', from);
  while (i >= 0 && i < end) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return i < 0 ? text.length : i;
}

/** As {@link newlineStarts}, for texts with `\r`: `\r\n`, `\r` and `\n` each end a line (as in LSP). */
function lineStarts(text: string, from: number, starts: number[]): number {
  const end = Math.min(text.length, from + (1 << 18));
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

/**
 * A read-only {@link TextDocument} over precomputed line starts, with the positions of
 * vscode-languageserver-textdocument's own (offsets clamped, never between a `\r` and its `\n`).
 */
class LineTable implements TextDocument {
  readonly languageId = 'plaintext';
  readonly version = 0;

  constructor(readonly uri: string, private readonly text: string, private readonly starts: number[]) {}

  get lineCount(): number {
    return this.starts.length;
  }

  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
    const starts = this.starts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (starts[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: this.beforeEol(offset, starts[line]) - starts[line] };
  }

  offsetAt(position: Position): number {
    const starts = this.starts;
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = starts[position.line];
    if (position.character <= 0) return start;
    return this.beforeEol(Math.min(start + position.character, this.nextStart(position.line)), start);
  }

  getLineRange(line: number): Range {
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

  getEOLCharacters(line: number): string {
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

export function toPosition(doc: TextDocument, offset: number): Position {
  return doc.positionAt(offset);
}

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function toOffset(doc: TextDocument, position: Position): number {
  return doc.offsetAt(position);
}

export function toSpan(doc: TextDocument, range: Range): Span {
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  return start <= end ? { start, end } : { start: end, end: start };
}
