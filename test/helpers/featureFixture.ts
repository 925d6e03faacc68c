/**
 * Multi-file fixtures with a cursor: `$0` in one file marks the offset a feature is asked about (it is removed
 * from the text). Used by the feature tests on an in-memory workspace.
 */
import { MemoryWorkspace } from '../../server/src/service/workspace';
import type { Span } from '../../server/src/service/types';

export const CURSOR = '$0';

export interface Fixture {
  workspace: MemoryWorkspace;
  files: Record<string, string>;
  /** The file holding the cursor, and the cursor's offset in it (or the first file and -1). */
  path: string;
  offset: number;
  /** The text of `span` in `path`. */
  text(path: string, span: Span): string;
}

export function fixture(files: Record<string, string>, roots: string[] = ['/']): Fixture {
  const clean: Record<string, string> = {};
  let path = Object.keys(files)[0];
  let offset = -1;
  for (const [p, text] of Object.entries(files)) {
    const at = text.indexOf(CURSOR);
    if (at >= 0) {
      path = p;
      offset = at;
    }
    clean[p] = at >= 0 ? text.slice(0, at) + text.slice(at + CURSOR.length) : text;
  }
  return {
    workspace: MemoryWorkspace.of(clean, roots),
    files: clean,
    path,
    offset,
    text: (p, span) => clean[p].slice(span.start, span.end),
  };
}

/** Applies non-overlapping edits to a text (as an editor would). */
export function applyEdits(text: string, edits: { span: Span; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
