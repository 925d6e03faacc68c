/**
 * Sentence splitting for claims: the sentence that holds a citation is the claim the cited work must fit.
 *
 * Scholarly prose defeats naive "split at a full stop": `Smith et al. showed`, `e.g. GANs`, `Fig. 2`,
 * `J. R. Smith`, `0.95`, and a citation written after the full stop (`… end. [3]`, `… end.[3]`), which belongs to
 * the sentence before it. This splitter works on plain text or Markdown source and returns spans (offsets into
 * the text), never rewritten strings, so callers can map sentences back to the document.
 */
import type { Span } from '../types';

/**
 * Abbreviations (lower case, without their full stop) after which a full stop does not end a sentence, even
 * when a capitalised word follows (`Fig. 2`, `cf. Smith`, `vs. GANs`). "etc." is not here: it ends sentences.
 */
const NON_TERMINAL_ABBREVIATIONS = new Set([
  'al', 'e.g', 'i.e', 'cf', 'vs', 'viz', 'fig', 'figs', 'eq', 'eqs', 'tab', 'tbl', 'ref', 'refs', 'ed', 'eds',
  'approx', 'ca', 'resp', 'incl', 'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'jr', 'sr', 'inc', 'ltd', 'corp', 'dept',
  'univ', 'suppl', 'appx', 'thm', 'lem', 'alg', 'sect', 'cit', 'op', 'ibid',
]);

/** Abbreviations that do not end a sentence only when a number follows (`No. 5`, `p. 4`, `Vol. 2`). */
const NUMBER_ABBREVIATIONS = new Set(['no', 'nos', 'nr', 'vol', 'vols', 'p', 'pp', 'ch', 'chap', 'sec', 'secs']);

/**
 * A citation or footnote marker that may follow a full stop: `[3]`, `[1, 4–6]`, `[@a; @b]`, `[^2]`, and the
 * superscript numbers of AMA/Nature styles, `.^1,2^`, also in Unicode's superscript digits, `.¹⁻³`. A range's dash
 * may be any the citation reader takes (`[3‐5]`, `[3‑5]`, `[3−5]`: Word's and PDFs' look-alikes).
 */
const TRAILING_CITATION = /^[ \t]?(?:\[(?:\^[^\]\s]+|[^\]]*@[^\]]*|\s*\d+(?:\s*[-–—‐‑‒−,;]\s*\d+)*\s*)\]|\^\d{1,4}(?:[ \t]*[-–—‐‑‒−,;][ \t]*\d{1,4})*\^|[⁰¹²³⁴-⁹]{1,4}(?:[,;⁻–-][⁰¹²³⁴-⁹]{1,4})*)/;

/** Closing characters that stay with the sentence they close: quotes, brackets, Markdown emphasis. */
const CLOSERS = new Set([')', ']', '"', "'", '”', '’', '»', '*', '_', '`', '~']);

/** Line starts that open a new block: list items, headings, block quotes, table rows, thematic breaks. */
const BLOCK_START = /^[ \t]{0,3}(?:[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+|>[ \t]?)/;
const HEADING = /^[ \t]{0,3}#{1,6}(?:[ \t]+|$)/;
const TABLE_ROW = /^[ \t]*\|/;
const TABLE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$/;

/**
 * Splits `text` into sentence spans, offsets into `text` plus `start`.
 *
 * Paragraph breaks (blank lines), list items, headings and block-quote lines always start a new sentence; a
 * table row is split into one span per cell (separator rows are skipped). Inside a block a sentence ends at
 * `.`, `!` or `?` followed by whitespace and a plausible sentence start (a capital, a digit, an opening quote or
 * bracket, Markdown emphasis), except after known abbreviations (`et al.`, `e.g.`, `Fig.`…) and initials.
 * Closing quotes/brackets/emphasis and a bracketed citation right after the full stop stay with the sentence.
 * Leading list/heading/quote markers are not part of a span; whitespace is trimmed.
 *
 * @example
 * splitSentences('Smith et al. showed it. [3] Next one.')
 * // → spans of "Smith et al. showed it. [3]" and "Next one."
 */
export function splitSentences(text: string, start = 0): Span[] {
  const spans: Span[] = [];
  for (const block of blocks(text)) {
    for (const span of splitBlock(text, block.start, block.end)) {
      spans.push({ start: span.start + start, end: span.end + start });
    }
  }
  return spans;
}

/** Cuts text into blocks at blank lines, block-start lines and table cells; markers are left out. */
function blocks(text: string): Span[] {
  const out: Span[] = [];
  let blockStart = -1;
  let blockEnd = -1;
  const flush = (): void => {
    if (blockStart >= 0 && blockEnd > blockStart) out.push({ start: blockStart, end: blockEnd });
    blockStart = -1;
    blockEnd = -1;
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === '') {
      flush();
    } else if (HEADING.test(line)) {
      // A heading is one line: its own span, without the hashes (or a trailing `{#id}` attribute).
      flush();
      const marker = HEADING.exec(line)?.[0].length ?? 0;
      const body = line.slice(marker).replace(/\s*(?:\{[^}]*\}|#+)\s*$/, '');
      if (body.trim()) out.push({ start: lineStart + marker, end: lineStart + marker + body.length });
    } else if (TABLE_ROW.test(line)) {
      flush();
      if (!TABLE_SEPARATOR.test(line)) out.push(...tableCells(line, lineStart));
    } else {
      const marker = BLOCK_START.exec(line);
      if (marker) {
        flush();
        blockStart = lineStart + marker[0].length;
      } else if (blockStart < 0) {
        blockStart = lineStart;
      }
      blockEnd = lineEnd;
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  flush();
  return out;
}

/** The cells of one table row `| a | b |`, split at unescaped pipes outside code spans. */
function tableCells(line: string, offset: number): Span[] {
  const cells: Span[] = [];
  let cellStart = 0;
  let inCode = false;
  for (let i = 0; i <= line.length; i++) {
    const ch = line[i];
    if (ch === '`') inCode = !inCode;
    if (i === line.length || (ch === '|' && !inCode && line[i - 1] !== '\\')) {
      if (i > cellStart) cells.push({ start: offset + cellStart, end: offset + i });
      cellStart = i + 1;
    }
  }
  return cells;
}

/** Splits one block `[from, to)` into trimmed sentence spans. */
function splitBlock(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  let sentenceStart = from;
  let i = from;
  while (i < to) {
    const ch = text[i];
    if (ch === '`') {
      // Skip inline code: a full stop inside `a.b()` never ends a sentence.
      const close = text.indexOf('`', i + 1);
      i = close > 0 && close < to ? close + 1 : i + 1;
      continue;
    }
    if ((ch === '.' || ch === '!' || ch === '?') && isTerminal(text, i, from)) {
      let end = i + 1;
      while (end < to && (text[end] === '.' || text[end] === '!' || text[end] === '?')) end++;
      end = absorbClosers(text, end, to);
      const citation = TRAILING_CITATION.exec(text.slice(end, Math.min(to, end + 200)));
      if (citation) end = absorbClosers(text, end + citation[0].length, to);
      if (end >= to || (/\s/.test(text[end]) && startsSentence(text, end, to))) {
        pushTrimmed(text, sentenceStart, end, out);
        sentenceStart = end;
        i = end;
        continue;
      }
    }
    i++;
  }
  pushTrimmed(text, sentenceStart, to, out);
  return out;
}

function absorbClosers(text: string, end: number, to: number): number {
  while (end < to && CLOSERS.has(text[end])) end++;
  return end;
}

/** Whether the punctuation at `i` can end a sentence (not a decimal point, abbreviation or initial). */
function isTerminal(text: string, i: number, from: number): boolean {
  if (text[i] !== '.') return true;
  // Decimals and dotted identifiers: "0.95", "v2.1", "file.md" (not a superscript citation: "cities.¹").
  if (i + 1 < text.length && /[\p{L}\p{N}]/u.test(text[i + 1]) && !/[⁰¹²³⁴-⁹]/u.test(text[i + 1])) return false;
  // The word before the full stop, dots inside it kept ("e.g", "i.e", "U.S").
  let w = i;
  while (w > from && /[\p{L}.]/u.test(text[w - 1])) w--;
  const word = text.slice(w, i);
  if (word === '') return true;
  // A single capital letter is an initial ("J. R. Smith"); so are dotted capitals ("U.S.").
  if (/^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) return false;
  const abbreviation = word.toLowerCase().replace(/^\.+/, '');
  if (NON_TERMINAL_ABBREVIATIONS.has(abbreviation)) return false;
  return !(NUMBER_ABBREVIATIONS.has(abbreviation) && /^\s+\d/.test(text.slice(i + 1, i + 4)));
}

/** Whether the text after the whitespace at `pos` looks like the start of a new sentence. */
function startsSentence(text: string, pos: number, to: number): boolean {
  let j = pos;
  while (j < to && /\s/.test(text[j])) j++;
  if (j >= to) return true;
  const c = text[j];
  if (/[\p{Lu}\p{N}]/u.test(c)) return true;
  if ('"“‘\'([*_`<#'.includes(c)) return true;
  // Sentences starting with a citation key or a lower-case word ("iPhone", "mRNA") are rare; treat a
  // lower-case start as a continuation (an unknown abbreviation such as "approx. value").
  return c === '@';
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) out.push({ start, end });
}
