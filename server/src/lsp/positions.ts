/**
 * The one place where the language server turns the core's offsets (UTF-16 code units into a document's text)
 * into LSP positions and back. It works on the exact text a result was computed from, so a position is never
 * computed against a different version of the document: the editor's own `TextDocument` when it holds that text,
 * else a line table over the shared line index (`service/text/lineIndex.ts`, the CLI's too), which gives the
 * positions of `vscode-languageserver-textdocument`. A long text's table is built in slices.
 */
import { LRUCache } from 'lru-cache';
import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { runStepsInSlices } from '../service/slices';
import { LineIndex, lineStartSteps } from '../service/text/lineIndex';
import type { Span } from '../service/types';

/** Line tables of recently used texts, by path; a lookup hits only for the very same text. */
const cache = new LRUCache<string, TextDocument>({ max: 64 });

/**
 * A line table for `text` (the document `path` as some result saw it). Pass the editor's own document when it
 * holds that text: its line table is already built.
 */
export function lineTable(path: string, text: string, open?: TextDocument): TextDocument {
  if (open && open.getText() === text) return open;
  const hit = cache.get(path);
  if (hit && hit.getText() === text) return hit;
  const doc = new LineTable(path, new LineIndex(text));
  cache.set(path, doc);
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
  const starts = await runStepsInSlices(lineStartSteps(text), { pause, sliceMs: SLICE_MS });
  const doc = new LineTable(path, new LineIndex(text, starts));
  // Another caller may have built it meanwhile: keep whichever is in the cache.
  const again = cache.get(path);
  if (again && again.getText() === text) return again;
  cache.set(path, doc);
  return doc;
}

/** A read-only {@link TextDocument} over a {@link LineIndex}. */
class LineTable implements TextDocument {
  readonly languageId = 'plaintext';
  readonly version = 0;

  constructor(readonly uri: string, private readonly index: LineIndex) {}

  get lineCount(): number {
    return this.index.lineCount;
  }

  getText(range?: Range): string {
    return range ? this.index.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.index.text;
  }

  positionAt(offset: number): Position {
    return this.index.position(offset);
  }

  offsetAt(position: Position): number {
    return this.index.offset(position);
  }

  getLineRange(line: number): Range {
    return this.index.lineRange(line);
  }

  getEOLCharacters(line: number): string {
    return this.index.eolCharacters(line);
  }
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
