/**
 * Where Pandoc reads TeX math (`tex_math_dollars`), found in the source with Pandoc's own rules rather than
 * remark-math's, which differ where it matters for citations:
 * - `$…$` opens only before a non-space, closes only after a non-space and not before a digit, and a space run
 *   followed by `$` ends the attempt: `Cost $5, see [@a], total $6.` holds no math, so `[@a]` is a citation;
 * - `$$…$$` is inline display math anywhere in a paragraph, and never spans a blank line: `$$ x $$ {#eq:label}`
 *   (Quarto's and pandoc-crossref's labelled equation) closes on its line instead of swallowing the document.
 * Neither kind spans a blank line, so math found in a chunk is the math found in the whole document.
 */
import type { Span } from '../types';
import { lastStartingAtOrBefore } from '../util/search';

/** The excluded span containing `offset`, or null (as `excludedAt`, which lives above this module). */
function excludedAt(excluded: Span[], offset: number): Span | null {
  const i = lastStartingAtOrBefore(excluded, offset, (span) => span.start);
  return i >= 0 && offset < excluded[i].end ? excluded[i] : null;
}

/** A bound on one attempt: a paragraph of thousands of lone `$` stays linear enough. */
const MAX_MATH = 20_000;

/** Math spans in `text`, outside the sorted `excluded` spans (code, comments, tags…), in order. */
export function pandocMathSpans(text: string, excluded: Span[]): Span[] {
  const out: Span[] = [];
  if (!text.includes('$')) return out;
  let i = text.indexOf('$');
  while (i >= 0 && i < text.length) {
    const ex = excludedAt(excluded, i);
    if (ex) {
      i = text.indexOf('$', ex.end);
      continue;
    }
    if (escaped(text, i)) {
      i = text.indexOf('$', i + 1);
      continue;
    }
    const end = (text[i + 1] === '$' ? displayEnd(text, i) : -1) ?? -1;
    const close = end >= 0 ? end : inlineEnd(text, i);
    if (close >= 0) {
      out.push({ start: i, end: close });
      i = text.indexOf('$', close);
    } else {
      // A failed `$$` is not retried as `$` + `$…`: Pandoc would, but only `$$…$` cases differ, which are rare.
      i = text.indexOf('$', text[i + 1] === '$' ? i + 2 : i + 1);
    }
  }
  return out;
}

/** Whether the character at `i` is backslash-escaped (an odd run of `\` before it). */
function escaped(text: string, i: number): boolean {
  let n = 0;
  for (let q = i - 1; q >= 0 && text[q] === '\\'; q--) n++;
  return n % 2 === 1;
}

/** Whether the line starting at `from` is blank (or the text ends). */
function blankLineAt(text: string, from: number): boolean {
  let q = from;
  while (q < text.length && (text[q] === ' ' || text[q] === '\t' || text[q] === '\r')) q++;
  return q >= text.length || text[q] === '\n';
}

/** Pandoc's `mathDisplayWith "$$" "$$"`: the end of `$$…$$` opened at `at`, or -1. */
function displayEnd(text: string, at: number): number {
  const limit = Math.min(text.length, at + MAX_MATH);
  for (let j = at + 2; j < limit; j++) {
    if (j > at + 2 && text[j] === '$' && text[j + 1] === '$') return j + 2;
    if (text[j] === '\n' && blankLineAt(text, j + 1)) return -1;
  }
  return -1;
}

/** Pandoc's `mathInlineWith "$" "$"`: the end of `$…$` opened at `at`, or -1. */
function inlineEnd(text: string, at: number): number {
  const first = text[at + 1];
  if (first === undefined || first === ' ' || first === '\t' || first === '\n' || first === '\r') return -1;
  const limit = Math.min(text.length, at + MAX_MATH);
  let j = at + 1;
  let count = 0;
  while (j < limit) {
    const ch = text[j];
    if (count > 0 && ch === '$') return /[0-9]/.test(text[j + 1] ?? '') ? -1 : j + 1;
    count++;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      let k = j;
      while (k < limit && (text[k] === ' ' || text[k] === '\t' || text[k] === '\r')) k++;
      if (text[k] === '\n') {
        if (blankLineAt(text, k + 1)) return -1;
        j = k + 1;
      } else if (text[k] === '$' || k >= limit) {
        return -1;
      } else j = k;
    } else if (ch === '\\') {
      j += 2;
    } else j++;
  }
  return -1;
}
