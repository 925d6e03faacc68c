/**
 * Finds citations in Markdown source text, both styles, with exact offsets.
 *
 * Pandoc style follows Pandoc's Markdown reader (`citeKey`, `normalCite`, `textualCite` in
 * Text.Pandoc.Readers.Markdown), checked against Pandoc's own tests in `shared/conformance/pandoc`:
 *
 *   [see @doe99, pp. 33–35; also @smith04, ch. 1]   normal citations with prefix and suffix
 *   [-@doe99]                                        suppress author
 *   @doe99 [p. 33]                                   author in text, with a locator
 *   @{https://example.org/x?id=1}                    braced key
 *
 * Numeric style: `[3]`, `[1, 4]`, `[2–5]`, `[1, 3–5, 9]`, `[1; 4]`; `[1][2]` are two citations; superscripts `^1,2^`.
 *
 * Hand-written because no library reads Pandoc citations with source offsets (remark has no citation
 * extension that matches Pandoc, and text nodes' values lose offsets after escapes).
 */
import type { Citation, CiteItem, Span, SuffixSlip } from '../types';
import { readEscapedNumeric, readHtmlSuperscript, readLinkedNumeric, readNamedReference, readNumericRange, readSuperscript } from './numericCitations';
import { isSuperscriptDigit, readUnicodeSuperscript, runEnd } from './unicodeSuperscripts';
import { excludedAt } from './parseMarkdown';

/**
 * Cross-reference labels of pandoc-crossref (Manubot's too): `@fig:x`, or capitalised `@Fig:x` for "Figure" at a
 * sentence start. Always labels, never citations: projects run pandoc-crossref from build scripts the manuscript
 * does not name (Manubot), and no bibliography key starts with `fig:`.
 */
export const CROSSREF = /^(?:[Ff]ig|[Tt]bl|[Ee]q|[Ss]ec|[Ll]st):/;

/**
 * Quarto's cross-reference labels (`@fig-x`, `@tbl-x`, `@eq-x`, `@sec-x`, theorems, callouts…; `@Fig-x`
 * capitalised). Labels only in a Quarto project (`pipeline/discovery/crossrefs.ts`): elsewhere `@sec-2020` may be a key.
 */
export const QUARTO_CROSSREF = /^(?:[Ff]ig|[Tt]bl|[Ll]st|[Tt]ip|[Nn]te|[Ww]rn|[Ii]mp|[Cc]au|[Tt]hm|[Ll]em|[Cc]or|[Pp]rp|[Cc]nj|[Dd]ef|[Ee]xm|[Ee]xr|[Ss]ol|[Rr]em|[Ee]q|[Ss]ec)-[\p{L}\p{N}_]/u;
const WORD = /[\p{L}\p{N}_]/u;
const KEY_START = /[\p{L}\p{N}_]/u;
const KEY_INTERNAL = ':.#$%&-+?<>~/';

export interface ScanOptions {
  /** Sorted, non-overlapping spans where no citation may start (code, math, comments…). */
  excluded: Span[];
  /** Example-list labels (`(@good)` items): `(@good)` refers to the example, not a work. */
  exampleLabels?: Set<string>;
  /** Spans in which numeric citations are not read (the reference list itself). */
  noNumeric?: Span[];
  /** Only scan `[from, to)`. */
  from?: number;
  to?: number;
}

interface KeyMatch {
  key: string;
  /** Offset of `@` (or of `-` for `-@`). */
  start: number;
  keySpan: Span;
  end: number;
  suppress: boolean;
}

/** Scans `text` for citations of both styles, in document order. */
export function scanCitations(text: string, options: ScanOptions): Citation[] {
  const { excluded } = options;
  const out: Citation[] = [];
  const to = options.to ?? text.length;
  let i = options.from ?? 0;
  while (i < to) {
    const ex = excludedAt(excluded, i);
    if (ex) {
      // `<sup>1,2</sup>`: an HTML superscript (a Word review converted with `-t gfm`) is a tag, yet a citation.
      const html = text.charCodeAt(i) === 60 /* < */ && ex.start === i && !(options.noNumeric && excludedAt(options.noNumeric, i));
      // `<sup>[5](#B5)</sup>`: linked numbers in an HTML superscript (a review converted from HTML).
      const sup = html ? readHtmlSuperscript(text, i, ex, excluded) ?? (ex.end === i + 5 ? readLinkedNumeric(text, i, excluded) : null) : null;
      if (sup) {
        out.push(sup);
        i = sup.span.end;
        continue;
      }
      i = ex.end;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      // `\[1\]`, `\[2--4\]`: Word and Google Docs converters escape a numeric citation's brackets; Pandoc renders it
      // as the text `[1]`, which a reader takes for the citation `[1]` (README "Numeric citations").
      const escaped = text[i + 1] === '[' && !(options.noNumeric && excludedAt(options.noNumeric, i)) ? readEscapedNumeric(text, i, excluded) ?? readLinkedNumeric(text, i, excluded) : null;
      if (escaped) {
        out.push(escaped);
        i = escaped.span.end;
        continue;
      }
      i += 2;
      continue;
    }
    if (c === 91 /* [ */) {
      const prev = text[i - 1];
      // `^[1]^`, `^[2,3]^`: a bracketed number in superscript, China's GB/T 7714 numeric style as Typora and
      // markdown-it write it. To Pandoc `^[` opens an inline note (here one holding just the number, and a stray
      // `^` after it), which nobody means: the author's citation is read, as `<sup>[1]</sup>` is.
      const superscripted = prev === '^' ? superscriptBrackets(text, i, excluded, options) : null;
      if (superscripted) {
        out.push(superscripted);
        i = superscripted.span.end + 1;
        continue;
      }
      if (prev !== '!' && prev !== '^') {
        const numeric = options.noNumeric && excludedAt(options.noNumeric, i) ? null : readNumericRange(text, i, excluded) ?? readLinkedNumeric(text, i, excluded);
        if (numeric) {
          out.push(numeric);
          i = numeric.span.end;
          continue;
        }
        const group = readNormalCite(text, i, excluded, options);
        if (group) {
          out.push(group);
          i = group.span.end;
          continue;
        }
      }
      i++;
      continue;
    }
    if (c === 94 /* ^ */ && !(options.noNumeric && excludedAt(options.noNumeric, i))) {
      const superscript = readSuperscript(text, i, excluded) ?? readLinkedNumeric(text, i, excluded);
      if (superscript) {
        out.push(superscript);
        i = superscript.span.end;
        continue;
      }
    }
    if (c > 127 && isSuperscriptDigit(text[i])) {
      // `cities¹`, `nights.¹⁻³`: superscript digits pasted from Word or a PDF (unicodeSuperscripts.ts).
      const superscript = options.noNumeric && excludedAt(options.noNumeric, i) ? null : readUnicodeSuperscript(text, i, excluded);
      if (superscript) out.push(superscript);
      i = superscript ? superscript.span.end : runEnd(text, i);
      continue;
    }
    if ((c === 114 /* r */ || c === 82 /* R */) && !(options.noNumeric && excludedAt(options.noNumeric, i))) {
      // "as reviewed in refs. 3–5", "(ref. 6)": Nature's numbers used as nouns.
      const named = readNamedReference(text, i, excluded);
      if (named) {
        out.push(named);
        i = named.span.end;
        continue;
      }
    }
    if (c === 64 /* @ */) {
      const textual = readTextualCite(text, i, excluded, options);
      if (textual) {
        out.push(textual);
        i = textual.span.end;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** Reads a citation key at `at` (which points at `@`, or at `-` before `@` when `allowSuppress`). */
function readKey(text: string, at: number, allowSuppress: boolean, options: ScanOptions): KeyMatch | null {
  let p = at;
  let suppress = false;
  if (allowSuppress && text[p] === '-') {
    suppress = true;
    p++;
  }
  if (text[p] !== '@') return null;
  if (afterString(text, at)) return null;
  const keyStart = p + 1;
  let end: number;
  let key: string;
  if (text[keyStart] === '{') {
    let depth = 0;
    let q = keyStart;
    for (; q < text.length; q++) {
      const ch = text[q];
      if (/\s/.test(ch)) return null;
      if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) break;
    }
    if (q >= text.length || q === keyStart + 1) return null;
    key = text.slice(keyStart + 1, q);
    end = q + 1;
    const keySpan = { start: keyStart + 1, end: q };
    return finish(key, keySpan, end);
  }
  // Keys are read by code point: `@𝐀lpha2024` starts with a letter outside the Basic Multilingual Plane.
  const first = charAt(text, keyStart);
  if (first === '' || !(KEY_START.test(first) || first === '*')) return null;
  let q = keyStart + first.length;
  if (first !== '*') {
    while (q < text.length) {
      const ch = charAt(text, q);
      if (WORD.test(ch)) {
        q += ch.length;
      } else if (KEY_INTERNAL.includes(ch) && q + 1 < text.length && WORD.test(charAt(text, q + 1))) {
        q++;
      } else if ((ch === ':' || ch === '/') && text[q + 1] === '/') {
        q++;
      } else break;
    }
  }
  key = text.slice(keyStart, q);
  end = q;
  return finish(key, { start: keyStart, end: q }, end);

  function finish(k: string, keySpan: Span, e: number): KeyMatch | null {
    if (CROSSREF.test(k)) return null;
    // `@good` names an example (`(@good)` list item), not a work.
    if (options.exampleLabels?.has(k)) return null;
    return { key: k, start: at, keySpan, end: e, suppress };
  }
}

/** The character (code point) at `i`, as a string of one or two UTF-16 units; '' past the end. */
function charAt(text: string, i: number): string {
  const cp = text.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/**
 * Pandoc's `notAfterString`: a citation cannot start right after a word of text, so `me@example.org` is no
 * citation. What Pandoc's Markdown reader reads as a word (its `str`): letters and digits, and a `.` that is not
 * part of an ellipsis (`e.g.@a`, `end.@a`, `x..@a` are no citations; `wait...@a` is). An `_` is not (Pandoc reads
 * it apart, for emphasis): `a_@b` and `_@key_` are citations.
 */
function afterString(text: string, at: number): boolean {
  const before = charBefore(text, at);
  if (before === undefined) return false;
  if (before === '.') return text.slice(at - 3, at) !== '...';
  return before !== '_' && WORD.test(before);
}

/** The character (code point) ending just before `i`, or undefined at the start. */
function charBefore(text: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1];
}

/**
 * Finds the `]` closing the bracket opened at `open`, skipping excluded spans, escapes and balanced nested
 * brackets; stops at a blank line (a citation never spans paragraphs). Returns its offset or -1.
 */
/**
 * A citation group longer than this is not one: the cap keeps a run of thousands of unclosed `[` linear
 * instead of scanning to the end of the paragraph from each of them.
 */
const MAX_GROUP_LENGTH = 2_000;

function findClose(text: string, open: number, excluded: Span[]): number {
  let depth = 0;
  const limit = Math.min(text.length, open + MAX_GROUP_LENGTH);
  for (let q = open + 1; q < limit; q++) {
    const ex = excludedAt(excluded, q);
    if (ex) {
      q = ex.end - 1;
      continue;
    }
    const ch = text[q];
    if (ch === '\\') {
      q++;
    } else if (ch === '[') {
      depth++;
    } else if (ch === ']') {
      if (depth === 0) return q;
      depth--;
    } else if (ch === '\n' && /^[ \t]*(\r?\n|$)/.test(text.slice(q + 1, q + 80))) {
      return -1;
    }
  }
  return -1;
}

/** Splits `[start, end)` at top-level `;` (outside nested brackets and excluded spans). */
function splitParts(text: string, start: number, end: number, excluded: Span[]): Span[] {
  const parts: Span[] = [];
  let depth = 0;
  let partStart = start;
  for (let q = start; q < end; q++) {
    const ex = excludedAt(excluded, q);
    if (ex) {
      q = ex.end - 1;
      continue;
    }
    const ch = text[q];
    if (ch === '\\') q++;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === ';' && depth === 0) {
      parts.push({ start: partStart, end: q });
      partStart = q + 1;
    }
  }
  parts.push({ start: partStart, end });
  return parts;
}

/** The first citation key in `[start, end)` that may start a citation there. */
function firstKey(text: string, start: number, end: number, excluded: Span[], options: ScanOptions): KeyMatch | null {
  for (let q = start; q < end; q++) {
    const ex = excludedAt(excluded, q);
    if (ex) {
      q = ex.end - 1;
      continue;
    }
    const ch = text[q];
    if (ch === '\\') {
      q++;
      continue;
    }
    if (ch === '@' || (ch === '-' && text[q + 1] === '@')) {
      const key = readKey(text, q, true, options);
      if (key && key.end <= end) return key;
      if (ch === '-') q++;
    }
  }
  return null;
}

/** One entry of a bracketed group: `see @doe99, p. 33` → prefix "see", key, suffix ", p. 33". */
function groupItem(text: string, part: Span, key: KeyMatch): CiteItem {
  const suffix = text.slice(key.end, part.end);
  return {
    ref: key.key,
    kind: 'key',
    key: key.key,
    span: key.keySpan,
    mode: key.suppress ? 'SuppressAuthor' : 'NormalCitation',
    prefix: text.slice(part.start, key.start).trim(),
    suffix: suffix.trim() === '' ? '' : suffix.trimEnd(),
  };
}

/** `[see @a, p. 4; @b]`: a normal (parenthetical) citation group at `open`, or null. */
function readNormalCite(text: string, open: number, excluded: Span[], options: ScanOptions): Citation | null {
  const close = findClose(text, open, excluded);
  if (close < 0) return null;
  const after = text[close + 1];
  // `[@a](url)` is a link, `[@a][ref]` and `[@a][]` reference links (defined or not) and `[@a]{.c}` a span:
  // Pandoc reads the `@a` inside as a narrative citation.
  if (after === '(' || after === '{' || after === '[') return null;
  const content = text.slice(open + 1, close);
  if (!content.includes('@')) return null;
  if (/^\s*-?@\s*$/.test(content)) {
    return { style: 'pandoc', span: { start: open, end: close + 1 }, raw: text.slice(open, close + 1), items: [], malformed: 'A citation needs a key after “@”, e.g. [@smith2020].' };
  }
  const items: CiteItem[] = [];
  const nested: CiteItem[] = [];
  const slips: SuffixSlip[] = [];
  const parts = splitParts(text, open + 1, close, excluded);
  let emptyPart = false;
  for (const part of parts) {
    const key = firstKey(text, part.start, part.end, excluded, options);
    if (!key) {
      if (text.slice(part.start, part.end).trim() === '') emptyPart = true;
      else return null;
      continue;
    }
    items.push(groupItem(text, part, key));
    nested.push(...suffixCitations(text, key, part.end, excluded, options, slips));
  }
  if (items.length === 0) return null;
  // Pandoc's order (its `query`): the group's own citations, then those nested in their suffixes.
  items.push(...nested);
  const citation: Citation = { style: 'pandoc', span: { start: open, end: close + 1 }, raw: text.slice(open, close + 1), items };
  if (slips.length) citation.suffixSlips = slips;
  if (emptyPart) citation.malformed = 'This citation group has an empty entry between semicolons; remove the extra “;”.';
  return citation;
}

/**
 * Citations inside a suffix: Pandoc parses a suffix as inlines, so `[@a, @b]`, `[@a @b]` and `[@a and @c]` hold
 * `@b` and `@c` as in-text citations inside `@a`'s suffix (issue 14 item 2). They count as cited.
 *
 * A nested citation that follows the previous key with nothing but a `,` and/or spaces between them
 * (`[@a, @b]`, `[@a,@b]`, `[@a @b]`, and on along a chain `[@a, @b, @c]`) is recorded in `slips`: that is the
 * slip of writing `,` (or nothing) for `;`. Any other word before it (`[see @a, and also @c]`,
 * `[for example @a and @c]`, `[@a, p. 4, @b]`) makes the suffix deliberate prose, and is not a slip.
 */
function suffixCitations(text: string, key: KeyMatch, to: number, excluded: Span[], options: ScanOptions, slips: SuffixSlip[]): CiteItem[] {
  const from = key.end;
  if (!text.slice(from, to).includes('@')) return [];
  const out: CiteItem[] = [];
  let previous: { key: string; start: number; end: number } | null = { key: key.key, start: key.start, end: key.end };
  for (let q = from; q < to; q++) {
    const ex = excludedAt(excluded, q);
    if (ex) {
      q = ex.end - 1;
      previous = null;
      continue;
    }
    const ch = text[q];
    if (ch === '\\') q++;
    else if (ch === '[') {
      // A bracket inside the suffix is a locator or a nested group, not the start of an in-text citation.
      const close = findClose(text, q, excluded);
      if (close < 0 || close >= to) return out;
      q = close;
    } else if (ch === '@') {
      const cite = readTextualCite(text, q, excluded, options);
      if (cite && cite.span.end <= to) {
        const [first] = cite.items;
        if (previous && SLIP_SEPARATOR.test(text.slice(previous.end, q))) {
          slips.push({ first: previous.key, second: first.key!, span: { start: previous.start, end: first.span.end }, separator: { start: previous.end, end: q } });
        }
        out.push(...cite.items);
        previous = { key: first.key!, start: q, end: cite.span.end };
        q = cite.span.end - 1;
      }
    }
  }
  return out;
}

/** What separates two keys in a slip: a `,` with optional spaces (and one line break), or spaces alone. */
const SLIP_SEPARATOR = /^(?=[\s,])[ \t]*,?[ \t]*(?:\r?\n[ \t]*)?$/;

/** `@doe99`, `@doe99 [p. 33]` or `@doe99 [@other]`: a narrative citation at `at`, or null. */
function readTextualCite(text: string, at: number, excluded: Span[], options: ScanOptions): Citation | null {
  const key = readKey(text, at, false, options);
  if (!key) return null;
  const item: CiteItem = { ref: key.key, kind: 'key', key: key.key, span: key.keySpan, mode: 'AuthorInText' };
  let end = key.end;
  const items = [item];
  let slips: SuffixSlip[] | undefined;
  // Pandoc's `spnl`: spaces, at most one line break, spaces.
  const m = /^[ \t]*(?:\r?\n[ \t]*)?\[/.exec(text.slice(end, end + 200));
  if (m) {
    const open = end + m[0].length - 1;
    const group = readNormalCite(text, open, excluded, options);
    if (group && !group.malformed) {
      items.push(...group.items);
      end = group.span.end;
      slips = group.suffixSlips;
    } else if (text[open + 1] !== '^') {
      // Pandoc's `bareloc`: `@doe [p. 33]` or `@doe [p. 33; see @roe]`, not followed by `[` or `(`.
      const close = findClose(text, open, excluded);
      const after = close < 0 ? undefined : text[close + 1];
      if (close >= 0 && after !== '[' && after !== '(') {
        const parts = splitParts(text, open + 1, close, excluded);
        const locator = text.slice(parts[0].start, parts[0].end);
        const rest: CiteItem[] = [];
        let ok = !locator.includes('@') || firstKey(text, parts[0].start, parts[0].end, excluded, options) === null;
        for (const part of parts.slice(1)) {
          const k = firstKey(text, part.start, part.end, excluded, options);
          if (!k) {
            ok = false;
            break;
          }
          rest.push(groupItem(text, part, k));
        }
        if (ok) {
          item.suffix = locator.replace(/^\s+/, (s) => (s.length ? ' ' : '')).trimEnd();
          items.push(...rest);
          end = close + 1;
        }
      }
    }
  }
  const citation: Citation = { style: 'pandoc', span: { start: at, end }, raw: text.slice(at, end), items };
  if (slips) citation.suffixSlips = slips;
  return citation;
}

/**
 * Labels of Pandoc example lists: lines starting with `(@label)`, also as the first item of a list nested in another
 * list's item (`- (@label) …`, `1. (@label) …`, as a linguistics handout nests its numbered examples).
 */
export function exampleLabels(text: string): Set<string> {
  const labels = new Set<string>();
  // Most manuscripts have none: skip the line-by-line regex unless the marker occurs at all.
  if (!text.includes('(@')) return labels;
  for (const m of text.matchAll(/^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*\(@([\w-]+)\)(?=[ \t]|$)/gm)) labels.add(m[1]);
  return labels;
}

/** `[1]` of `^[1]^` at `open` (see `scanCitations`): the bracketed numbers, closed by a `^` right after them. */
function superscriptBrackets(text: string, open: number, excluded: Span[], options: ScanOptions): Citation | null {
  if (options.noNumeric && excludedAt(options.noNumeric, open)) return null;
  const numeric = readNumericRange(text, open, excluded);
  return numeric && !numeric.malformed && text[numeric.span.end] === '^' ? numeric : null;
}
