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
