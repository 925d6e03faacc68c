/**
 * Plain result types shared by the editor features. Like the rest of the core they name documents by path
 * (the same strings the `Workspace` is asked for) and places by offset spans; the LSP adapter converts both.
 */
import type { Span } from '../types';

/** A place in a document: `{ path: '/r/manuscript.md', span: { start: 120, end: 129 } }`. */
export interface Location {
  path: string;
  span: Span;
}

/** Replace `span` by `newText` (an insertion when the span is empty). */
export interface TextEdit {
  span: Span;
  newText: string;
}

/** Edits of several documents, keyed by path. Edits of one document never overlap. */
export type WorkspaceEdits = Map<string, TextEdit[]>;

/** True when `offset` lies in `span`, counting the position just after its last character (a cursor there). */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** True when the spans share at least one character, or an empty span lies inside the other. */
export function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end) return b.start <= a.start && a.start <= b.end;
  if (b.start === b.end) return a.start <= b.start && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** Adds an edit to a workspace edit, skipping exact duplicates (the same key found twice). */
export function addEdit(edits: WorkspaceEdits, path: string, edit: TextEdit): void {
  let list = edits.get(path);
  if (!list) edits.set(path, (list = []));
  if (!list.some((e) => e.span.start === edit.span.start && e.span.end === edit.span.end)) list.push(edit);
}
