/**
 * Multi-file fixtures for the feature tests on an in-memory workspace, marked as `helpers/markers.ts` says: `|`
 * in one file is where a feature is asked about, `«…»` in any file are the ranges the test expects, `¦` is a
 * literal `|`. The markers are removed from the texts the workspace holds.
 */
import { MemoryWorkspace } from '../../server/src/service/workspace';
import type { Span } from '../../server/src/service/types';
import { parseMarked } from './markers';

export { CURSOR, cursorIn, locate, mark, parseMarked, rangeIn, unmarked } from './markers';

/** A range expected in one file of a fixture. */
export interface FileSpan {
  path: string;
  span: Span;
}

export interface Fixture {
  workspace: MemoryWorkspace;
  /** The texts without markers, by path. */
  files: Record<string, string>;
  /** The file holding the cursor, and the cursor's offset in it (or the first file and -1). */
  path: string;
  offset: number;
  /** Every `«…»` range, file by file in the order the files were given, then in text order. */
  ranges: FileSpan[];
  /** The text of `span` in `path`. */
  text(path: string, span: Span): string;
}

export function fixture(files: Record<string, string>, roots: string[] = ['/']): Fixture {
  const clean: Record<string, string> = {};
  const ranges: FileSpan[] = [];
  let path = Object.keys(files)[0];
  let offset = -1;
  let cursors = 0;
  for (const [p, marked] of Object.entries(files)) {
    const m = parseMarked(marked);
    if (m.cursor !== undefined) {
      path = p;
      offset = m.cursor;
      cursors++;
    }
    clean[p] = m.text;
    for (const span of m.ranges) ranges.push({ path: p, span });
  }
  if (cursors > 1) throw new Error('a fixture has one cursor | at most (write ¦ for a literal |)');
  return {
    workspace: MemoryWorkspace.of(clean, roots),
    files: clean,
    path,
    offset,
    ranges,
    text: (p, span) => clean[p].slice(span.start, span.end),
  };
}

/** Applies non-overlapping edits to a text (as an editor would). */
export function applyEdits(text: string, edits: { span: Span; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
