/**
 * Forms of a superscript citation beyond its numbers, as `pandoc --citeproc` renders them (read by
 * `numericCitations.ts`'s superscript readers):
 * - what citeproc writes after a number: AMA's locator `<sup>1(p33)</sup>`, `^2(pp4-5),3(chap2)^` (from
 *   `[@a, p. 33]`), and Pandoc's `/` after a number whose key ends in `/` (Manubot's `@url:https://x.org/a/`, read by
 *   Pandoc 2.17 without its `/`, which becomes a suffix: `<sup>18,35/,36/,37,38/</sup>`);
 * - a superscript alone in a pipe table's cell (`| <sup>16</sup> |`, a table of citation forms), where no word stands
 *   before it.
 * Neither is a power's: a power has no locator word in parentheses nor a `/` before its closing mark, and a table
 * cell holding only a power (`| ^2^ |`) has no base to raise. Only these locator words are read (AMA's
 * abbreviations): a superscript `^2(a)^` or `^2(n)^` stays unread.
 */
import type { Citation } from '../types';

/** AMA's locator right after a number (no space, lower case, no full stop): `(p33)`, `(pp4-5)`, `(chap2)`, `(fig2)`. */
const LOCATOR = String.raw`\((?:p|pp|ch|chap|sec|fig|figs|tab|table|eq|para|vol)\.?[ \u00a0]?\d[\dA-Za-z]*(?:[-–][\dA-Za-z]+)?\)`;
/** What may follow a number in a superscript citation: a locator or Pandoc's `/`. */
export const SUPERSCRIPT_SUFFIX = String.raw`(?:${LOCATOR}|\/)`;
const LOCATORS = new RegExp(LOCATOR, 'g');

/**
 * The superscript's content `content` with its locators blanked to spaces (offsets kept, so the numbers' spans hold)
 * and whether it carries a `/` (Pandoc's suffix, read by `numericCitation`'s slashed mode).
 */
export function withoutLocators(content: string): { numbers: string; locators: { at: number; text: string }[]; slashed: boolean } {
  const locators = [...content.matchAll(LOCATORS)].map((m) => ({ at: m.index, text: m[0] }));
  const numbers = content.replace(LOCATORS, (m) => ' '.repeat(m.length));
  return { numbers, locators, slashed: numbers.includes('/') };
}

/**
 * Each locator as the suffix of the number it follows (`contentStart` is the content's offset in the text): the
 * item whose segment ends right before it.
 */
export function attachLocators(citation: Citation, locators: { at: number; text: string }[], contentStart: number): void {
  for (const locator of locators) {
    const segment = citation.segments?.find((s) => s.span.end === contentStart + locator.at);
    const item = segment && [...citation.items].reverse().find((i) => i.span === segment.span);
    if (item) item.suffix = locator.text;
  }
}

/**
 * Whether the text from `start` to `end` fills a cell of a pipe table or of Pandoc's simple or multiline table (as
 * `-t markdown` writes a table: `  shortDOI      ^16^`).
 */
export function aloneInTableCell(text: string, start: number, end: number): boolean {
  return aloneInCell(text, start, end) || aloneInColumn(text, start, end);
}

/** A simple or multiline table's header underline: runs of dashes parted by spaces, one per column. */
const COLUMN_LINE = /^[ \t]*-+(?:[ \t]+-+)+[ \t]*$/;
/** A multiline table's first or last line: one run of dashes. */
const DASH_LINE = /^[ \t]*-{3,}[ \t]*$/;

/**
 * Whether the text from `start` to `end` fills a column of Pandoc's simple or multiline table: a gap of two spaces
 * (or the line's start) before it and after it (or the line's end), and it starts or ends where a run of dashes of the
 * nearest column underline above does (no closing dash line between: the table has not ended). Prose is not
 * aligned so, and has one space between words.
 */
function aloneInColumn(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (!/(?:^|\S {2,}|^[ \t]+)$/.test(text.slice(lineStart, start)) || !/^(?: {2,}\S|[ \t]*(?:\r?\n|$))/.test(text.slice(end, end + 3))) return false;
  let lineEnd = lineStart - 1;
  for (let k = 0; k < 80 && lineEnd > 0; k++) {
    const from = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(from, lineEnd).replace(/\r$/, '');
    if (DASH_LINE.test(line)) return false;
    if (COLUMN_LINE.test(line)) {
      const runs = [...line.matchAll(/-+/g)];
      return runs.some((r) => r.index === start - lineStart || r.index + r[0].length === end - lineStart);
    }
    lineEnd = from - 1;
  }
  return false;
}

/**
 * Whether the text from `start` to `end` fills a pipe table's cell: a row's line (`| …`), a pipe and spaces before,
 * spaces and a pipe (or the line's end) after.
 */
export function aloneInCell(text: string, start: number, end: number): boolean {
  return opensCell(text, start) && /^[ \t]*(?:\||\r?\n|$)/.test(text.slice(end, end + 8));
}

/** Whether `at` opens a pipe table's cell: the line is a row (`| …`) and a pipe and spaces stand before `at`. */
export function opensCell(text: string, at: number): boolean {
  return /\|[ \t]+$/.test(text.slice(Math.max(0, at - 8), at)) && /^[ \t]*\|/.test(text.slice(text.lastIndexOf('\n', at - 1) + 1, at));
}
