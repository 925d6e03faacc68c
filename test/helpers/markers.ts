/**
 * Marked fixture text, as texlab writes its fixtures (crates/test-utils/src/fixture.rs): the document itself,
 * with where the cursor is and which ranges are expected written into it, instead of offsets counted by hand.
 *
 * - `|` is the cursor (at most one per fixture, over all its files);
 * - `«` and `»` enclose an expected range (several allowed, nested too; `«»` is an empty range);
 * - `¦` stands for a literal `|` (a Markdown table row is written `¦ Model ¦ Use ¦`, `|---|` as `¦---¦`).
 *   Guillemets cannot be written literally in a marked text; no fixture needs them.
 *
 * Markers are never Markdown: `|` alone would be ambiguous only in tables (hence the escape), and `«»`/`¦` are
 * not syntax anywhere Citelens reads. Offsets are UTF-16 code units of the text without the markers.
 */
import assert from 'node:assert/strict';
import type { Span } from '../../server/src/service/types';

export const CURSOR = '|';
export const OPEN = '«';
export const CLOSE = '»';
/** Written in a marked text for a literal `|`. */
export const PIPE = '¦';

export interface Marked {
  /** The text without markers (`¦` turned into `|`). */
  text: string;
  /** Offset of `|`, if the text has one. */
  cursor: number | undefined;
  /** The `«…»` ranges, in the order their `«` appear. */
  ranges: Span[];
}

/** Reads the markers out of a marked text. */
export function parseMarked(marked: string): Marked {
  let text = '';
  let cursor: number | undefined;
  const ranges: Span[] = [];
  const open: Span[] = [];
  for (const ch of marked) {
    if (ch === CURSOR) {
      assert.equal(cursor, undefined, `two cursors in a fixture (write ${PIPE} for a literal |):\n${marked}`);
      cursor = text.length;
    } else if (ch === OPEN) {
      const span = { start: text.length, end: -1 };
      ranges.push(span);
      open.push(span);
    } else if (ch === CLOSE) {
      const span = open.pop();
      assert.ok(span, `${CLOSE} without ${OPEN} in a fixture:\n${marked}`);
      span.end = text.length;
    } else text += ch === PIPE ? '|' : ch;
  }
  assert.equal(open.length, 0, `${OPEN} without ${CLOSE} in a fixture:\n${marked}`);
  return { text, cursor, ranges };
}

/** The text of a marked text, without its markers. */
export function unmarked(marked: string): string {
  return parseMarked(marked).text;
}

/**
 * Where a marked excerpt is in `text` (e.g. a file read from disk): the excerpt without its markers must occur
 * exactly once; returns the cursor and ranges as offsets of `text`.
 */
export function locate(text: string, excerpt: string): { cursor: number | undefined; ranges: Span[] } {
  const m = parseMarked(excerpt);
  const at = text.indexOf(m.text);
  assert.ok(m.text && at >= 0, `${JSON.stringify(m.text)} is not in the text`);
  assert.equal(text.indexOf(m.text, at + 1), -1, `${JSON.stringify(m.text)} occurs more than once: make the excerpt longer`);
  return {
    cursor: m.cursor === undefined ? undefined : at + m.cursor,
    ranges: m.ranges.map((r) => ({ start: at + r.start, end: at + r.end })),
  };
}

/** The offset of the cursor of a marked excerpt of `text` (see {@link locate}). */
export function cursorIn(text: string, excerpt: string): number {
  const { cursor } = locate(text, excerpt);
  assert.ok(cursor !== undefined, `no ${CURSOR} in ${JSON.stringify(excerpt)}`);
  return cursor;
}

/** The one range of a marked excerpt of `text` (see {@link locate}). */
export function rangeIn(text: string, excerpt: string): Span {
  const { ranges } = locate(text, excerpt);
  assert.equal(ranges.length, 1, `expected one ${OPEN}…${CLOSE} in ${JSON.stringify(excerpt)}`);
  return ranges[0];
}

/**
 * A shared unmarked document with markers put in: each marked excerpt replaces its unmarked text, which must
 * occur exactly once in `doc`. `mark(PANDOC, 'As @smi|th2020 says')` is PANDOC with the cursor in that key.
 */
export function mark(doc: string, ...excerpts: string[]): string {
  let out = doc;
  for (const excerpt of excerpts) {
    // Both sides are marked texts: `¦` stays `¦`.
    const plain = excerpt.replace(/[|«»]/g, '');
    const at = out.indexOf(plain);
    assert.ok(plain && at >= 0, `${JSON.stringify(plain)} is not in the document`);
    assert.equal(out.indexOf(plain, at + 1), -1, `${JSON.stringify(plain)} occurs more than once in the document: make the excerpt longer`);
    out = out.slice(0, at) + excerpt + out.slice(at + plain.length);
  }
  return out;
}
