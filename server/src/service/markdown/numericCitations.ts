/**
 * Numeric citations in Markdown source text, with exact offsets: `[3]`, `[1, 4]`, `[2–5]`, `[1, 3–5, 9]`,
 * `[1; 4]`, a locator `[3, p. 12]`, Pandoc's `[35/]`, IEEE ranges `[2]–[4]` and superscripts `^1,2^` (Unicode's `¹,²`:
 * `unicodeSuperscripts.ts`). Not `[3](url)`, `[3]{.cls}`, a
 * link definition `[3]: https://…` nor a reference link's label `[the data][3]`. Called by `citations.ts`.
 */
import type { Citation, CiteItem, NumericSegment, Span } from '../types';
import { excludedAt } from './parseMarkdown';
import { aloneInTableCell, attachLocators, SUPERSCRIPT_SUFFIX, withoutLocators } from './superscriptForms';

/**
 * The characters a range's dash is typed or converted as: `-`, `–`, `—`, and the look-alikes a manuscript brings from
 * Word, a PDF or a typesetter — the hyphen U+2010 (`[3‐5]`), Word's non-breaking hyphen U+2011 (`[3‑5]`, as
 * `pandoc -f docx` writes it), the figure dash U+2012 and the minus sign U+2212 (LaTeX's `$-$`, `\textminus`).
 * A reader sees a range in each; read otherwise, the range's works were "never cited" (and renumbering keeps the
 * author's dash).
 */
export const DASHES = String.raw`\-–—\u2010\u2011\u2012\u2212`;
const NUMBER = String.raw`\d{1,4}`;
/** A range's dash: one of {@link DASHES}, or Pandoc's `--` / `---` (its en and em dash). */
const DASH = String.raw`(?:---?|[${DASHES}])`;
const SEGMENT = String.raw`${NUMBER}(?:\s*${DASH}\s*${NUMBER})?`;
/**
 * Between two numbers: a comma or semicolon, or "and"/"&" as authors type a short list by hand (`[12 and 13]`,
 * `[1, 2, and 4]`, `[3–5 & 9]`); read otherwise, the last number was a locator or nothing was read.
 */
const SEPARATOR = String.raw`(?:\s*[,;]\s*|,?\s+(?:and|&)\s+)`;
const NUMERIC_GROUP = new RegExp(String.raw`^\s*${SEGMENT}(?:${SEPARATOR}${SEGMENT})*\s*$`);
const NUMERIC_LIKE = new RegExp(String.raw`^[\s\d,;${DASHES}]*\d[\s\d,;${DASHES}]*$`);
/** A locator after the numbers: `[3, p. 12]`, `[3 pp. 4–5]`, `[3, Fig. 2]`, or Pandoc's `[106/]` for a key's stray `/`. */
const NUMERIC_WITH_LOCATOR = new RegExp(
  String.raw`^(\s*${SEGMENT}(?:\s*[,;]\s*${SEGMENT})*)(\/|\s*[,;]\s*\p{L}[^\[\]]*|\s+(?:p|pp|ch|chap|sec|fig|figs|tab|table|eq|para|vol|§)\.?\s[^\[\]]*)$`,
  'u',
);

/**
 * Pandoc's numeric rendering of keys that end in `/` (`@url:https://x.org/page/`): the key stops before the `/`,
 * which becomes that work's suffix, so every number can carry one (`[18,35/,36/,37]`).
 */
const NUMERIC_SLASHED = new RegExp(String.raw`^\s*${SEGMENT}\/?(?:\s*[,;]\s*${SEGMENT}\/?)*\s*$`);

/** An IEEE range written as two bracketed numbers, right after the first: `[2]–[4]` (also `[2]-[4]`, `[2]--[4]`). */
/**
 * One space or tab, or after the dash a line break: a converter hard-wraps `[2] – [4]` at a space (Pandoc at 72
 * columns). Not a break before the dash: `[8]⏎- [9]` is a list.
 */
const GAP = String.raw`(?:[ \t]|\r?\n)?`;
const BRACKETED_RANGE = new RegExp(String.raw`^[ \t]?(${DASH})${GAP}\[(${NUMBER})\]`);
/** The same range as a Word or Google Docs converter writes it: `\[2\]--\[4\]`. */
const ESCAPED_RANGE = new RegExp(String.raw`^[ \t]?(${DASH})${GAP}\\\[(${NUMBER})\\\]`);

/**
 * A numeric citation whose brackets are escaped, at the `\` of `\[1\]`, `\[2--4\]`, `\[1, 3\]`, `\[2\]--\[4\]`:
 * what `pandoc -f docx -t markdown`, Google Docs and other Word converters write for a typed `[1]`. Pandoc renders
 * it as the text `[1]`, exactly as `[1]`, so a reader sees the same citation. Its span starts at the `\`.
 */
export function readEscapedNumeric(text: string, backslash: number, excluded: Span[]): Citation | null {
  const citation = readNumericRange(text, backslash + 1, excluded, true);
  if (!citation) return null;
  citation.span = { start: backslash, end: citation.span.end };
  citation.raw = text.slice(backslash, citation.span.end);
  return citation;
}

/**
 * A numeric citation at `open`, with an IEEE range `[2]–[4]` read as one citation of 2, 3 and 4 (its one segment
 * spans `2]–[4`; `bracketed` tells renumbering to write it back in that form).
 */
export function readNumericRange(text: string, open: number, excluded: Span[], escaped = false): Citation | null {
  const first = readNumeric(text, open, excluded, escaped);
  if (!first || first.malformed || first.items.length !== 1 || first.items[0].suffix || first.segments?.length !== 1) return first;
  const m = (escaped ? ESCAPED_RANGE : BRACKETED_RANGE).exec(text.slice(first.span.end, first.span.end + 14));
  if (!m) return first;
  const secondOpen = first.span.end + m[0].indexOf('[');
  const second = readNumeric(text, secondOpen, excluded, escaped);
  if (!second || second.malformed || second.items.length !== 1 || second.items[0].suffix) return first;
  const from = first.items[0].number!;
  const to = second.items[0].number!;
  const span = { start: first.span.start, end: second.span.end };
  const segment = { from, to, span: { start: first.segments[0].span.start, end: second.segments![0].span.end } };
  const citation: Citation = { style: 'numeric', span, raw: text.slice(span.start, span.end), items: [], segments: [segment], separator: ', ', dash: m[1], bracketed: true };
  if (to < from) citation.malformed = `The range ${citation.raw} runs backwards; write it as [${to}]${m[1]}[${from}].`;
  else if (to - from > 500) citation.malformed = `The range ${citation.raw} is implausibly long.`;
  else for (let n = from; n <= to; n++) citation.items.push({ ref: String(n), kind: 'number', number: n, span: segment.span });
  return citation;
}

/** `[1, 3–5]` at `open`: a numeric citation (possibly malformed), or null. */
function readNumeric(text: string, open: number, excluded: Span[], escaped = false): Citation | null {
  // Escaped (`\[1\]`, `open` at its `[`): the content ends before `\]`, and `close` is that `]`.
  const close = escaped ? text.indexOf('\\]', open + 1) + 1 : text.indexOf(']', open + 1);
  if (close <= 0 || close - open > 200) return null;
  let content = text.slice(open + 1, escaped ? close - 1 : close);
  let locator: string | undefined;
  const slashed = !NUMERIC_LIKE.test(content) && content.includes('/') && NUMERIC_SLASHED.test(content);
  if (!NUMERIC_LIKE.test(content) && !slashed && !NUMERIC_GROUP.test(content)) {
    const m = NUMERIC_WITH_LOCATOR.exec(content);
    if (!m) return null;
    content = m[1];
    locator = m[2];
  }
  const after = text[close + 1];
  if (after === '(' || after === '{') return null;
  if (!escaped && text[open - 1] === ']' && isLinkLabel(text, open - 1)) return null;
  // `[[1]](#footnote-1)`: a footnote mark linked to its note (mammoth's Word → Markdown), not a citation.
  if (text[open - 1] === '[' && FOOTNOTE_LINK.test(text.slice(close + 1, close + 16))) return null;
  // `a[2]`, `x_i[3]`, `data2[1]`: an index, not a citation (`Smith[3]`, `CO2[3]`, `COVID-19[4]`, with the space
  // missing, still are one).
  const start = escaped ? open - 1 : open;
  if (INDEXED.test(text.slice(Math.max(0, start - 24), start))) return null;
  if (isInterval(text, start, close, content)) return null;
  // `[3]: https://…` opening a line is a link definition; `… antagonist [101]: Type 1 …` mid-line is a citation.
  if (after === ':' && /(?:^|\n)[ \t]{0,3}$/.test(text.slice(Math.max(0, open - 4), open))) return null;
  for (let q = open + 1; q < close; q++) if (excludedAt(excluded, q)) return null;
  return numericCitation(text, open, close, content, slashed, locator);
}

/**
 * Numbers written as links to the reference list, as a review converted from HTML (a journal's web page, PubMed
 * Central, an HTML export: `pandoc -f html -t markdown` or `-t gfm`) has them: `\[[1](#B1)\]`,
 * `\[[2](#B2)--[4](#B4)\]`, `\[[1](#B1),[3](#B3)\]`, `\[<a href="#B1">1</a>\]`, `[[1](#r1)]`, `^[5](#B5)^`,
 * `<sup>[5](#B5)</sup>`. Each link's text is a number and its target an anchor in the document (not a note's,
 * `#fn1`); the numbers are read as the bracketed or superscript citation they are written as (a superscript by
 * the superscript rules). `at` is the opener: `[`, `\[`, `^` or `<sup>`.
 */
export function readLinkedNumeric(text: string, at: number, excluded: Span[]): Citation | null {
  const opener = /^(?:\\\[|\[|\^|<sup>)/i.exec(text.slice(at, at + 5))?.[0];
  // A link opens right after it (`[…](`, `<a `): most brackets are no such thing, and cost one look.
  if (!opener || (text[at + opener.length] !== '[' && text[at + opener.length] !== '<')) return null;
  const closer = { '\\[': '\\]', '[': ']', '^': '^' }[opener] ?? '</sup>';
  const links: { digits: Span; whole: Span }[] = [];
  const dashes: (string | null)[] = [];
  for (let p = at + opener.length; ;) {
    const link = linkAt(text, p);
    if (!link) return null;
    links.push(link);
    p = link.whole.end;
    if (text.slice(p, p + closer.length).toLowerCase() === closer) {
      let end = p + closer.length;
      // An IEEE range of two linked numbers, each in its own brackets: `\[[2](#B2)\]–\[[4](#B4)\]`.
      const range = links.length === 1 && (opener === '[' || opener === '\\[') ? linkedRangeEnd(text, end, opener, closer) : null;
      if (range) {
        links.push(range.link);
        dashes.push(range.dash);
        end = range.end;
      }
      if (links.some((l) => excludedAt(excluded, l.digits.start))) return null;
      if ((opener === '^' || opener.toLowerCase() === '<sup>') && !superscriptCites(text, at, at, at, excluded)) return null;
      return linkedCitation(text, { start: at, end }, links, dashes);
    }
    const sep = LINK_SEPARATOR.exec(text.slice(p, p + 12));
    if (!sep) return null;
    dashes.push(/[,;]/.test(sep[1]) ? null : sep[1]);
    p += sep[0].length;
  }
}

/** After a linked number's closer at `at`: a dash and the range's end in brackets of its own (`–\[[4](#B4)\]`). */
function linkedRangeEnd(text: string, at: number, opener: string, closer: string): { link: { digits: Span; whole: Span }; dash: string; end: number } | null {
  const d = LINKED_RANGE_DASH.exec(text.slice(at, at + 8));
  if (!d || text.slice(at + d[0].length, at + d[0].length + opener.length) !== opener) return null;
  const link = linkAt(text, at + d[0].length + opener.length);
  if (!link || text.slice(link.whole.end, link.whole.end + closer.length) !== closer) return null;
  return { link, dash: d[1], end: link.whole.end + closer.length };
}

/** The linked number at `p` ({@link LINKED_NUMBER}): its digits and the whole link. */
function linkAt(text: string, p: number): { digits: Span; whole: Span } | null {
  const m = LINKED_NUMBER.exec(text.slice(p, p + 200));
  if (!m) return null;
  const digits = p + (m[1] !== undefined ? 1 : m[0].indexOf('>') + 1);
  return { digits: { start: digits, end: digits + (m[1] ?? m[2]).length }, whole: { start: p, end: p + m[0].length } };
}

const LINKED_RANGE_DASH = new RegExp(String.raw`^[ \t]?(${DASH})[ \t]?`);

/** `[3](#B3)` (attributes allowed: `{.bibr}`) or `<a href="#B3" …>3</a>`; not a note's link (`#fn1`, `#footnote-1`). */
const LINKED_NUMBER = /^(?:\[(\d{1,4})\]\(#(?!fn|footnote)[^)\s]+\)(?:\{[^}\n]*\})?|<a\s[^>]*?href="#(?!fn|footnote)[^"]+"[^>]*>(\d{1,4})<\/a>)/i;
const LINK_SEPARATOR = new RegExp(String.raw`^[ \t]*([,;]|${DASH})[ \t]*`);

/**
 * The citation of linked numbers: a dash between two links makes a range of them. A segment spans its links
 * whole; `linked` holds their numbers' spans, from the citation's start.
 */
function linkedCitation(text: string, span: Span, links: { digits: Span; whole: Span }[], dashes: (string | null)[]): Citation | null {
  const segments: NumericSegment[] = [];
  const linked: Span[][] = [];
  const items: CiteItem[] = [];
  let dash: string | undefined;
  for (let k = 0; k < links.length; k++) {
    const ranged = dashes[k] != null && k + 1 < links.length;
    const ends = ranged ? [links[k], links[k + 1]] : [links[k]];
    const [from, to] = [ends[0], ends[ends.length - 1]].map((l) => Number(text.slice(l.digits.start, l.digits.end)));
    if (ranged) dash ??= dashes[k]!;
    if (to < from || to - from > 500) return null;
    const segmentSpan = { start: ends[0].whole.start, end: ends[ends.length - 1].whole.end };
    segments.push({ from, to, span: segmentSpan });
    linked.push(ends.map((l) => ({ start: l.digits.start - span.start, end: l.digits.end - span.start })));
    for (let n = from; n <= to; n++) items.push({ ref: String(n), kind: 'number', number: n, span: segmentSpan });
    if (ranged) k++;
  }
  const citation: Citation = { style: 'numeric', span, raw: text.slice(span.start, span.end), items, segments, separator: ', ', linked };
  if (dash) citation.dash = dash;
  return citation;
}

/**
 * Nature's and Science's citation by name: "as reviewed in refs. 3–5", "(ref. 6)", "Refs 2,4" — the number used
 * as a noun, which those styles write in the text instead of a superscript. A numeric citation of the numbers
 * after `ref.`/`refs.` (with or without the full stop; a word of its own), spanning the words; renumbering
 * rewrites the numbers. Not `ref. 3.2` (a section) nor `refs. 3a`. Dropped in a manuscript without a reference
 * list, where nothing numbered is cited (`pipeline/discovery/bracketedYears.ts`).
 */
export function readNamedReference(text: string, at: number, excluded: Span[]): Citation | null {
  // Called at every "r": one comparison for all but "ref…".
  if (text.charCodeAt(at + 1) !== 101 /* e */ || text.charCodeAt(at + 2) !== 102 /* f */) return null;
  if (/[\p{L}\p{N}_]/u.test(text[at - 1] ?? '')) return null;
  const m = NAMED_REFERENCE.exec(text.slice(at, at + 80));
  if (!m) return null;
  const first = at + m[1].length;
  const end = at + m[0].length;
  for (let q = at; q < end; q++) if (excludedAt(excluded, q)) return null;
  const citation = numericCitation(text, first - 1, end, m[2], false, undefined);
  if (citation.malformed) return null;
  citation.span = { start: at, end };
  citation.raw = text.slice(at, end);
  return citation;
}

const NAMED_REFERENCE = new RegExp(String.raw`^([Rr]efs?\.?[ \t\u00a0]+)(${SEGMENT}(?:[ \t]*,[ \t]*${SEGMENT})*)(?![\p{L}\p{N}_]|[.,]\d)`, 'u');

/**
 * A superscript number, `^1^`, `^2,3^`, `^4–6^` (AMA and Nature styles typed by hand; Pandoc's superscript): a
 * numeric citation when it follows a word of three letters or more, AMA's `et al^3^`, or punctuation (`lakes^1^`,
 * `lakes.^1^`, `(…)^2^`), an acronym of two capitals (`UK^5^`), or any word when it holds a list or range (`R^13,14^`)
 * — not a power (`10^6^`, `x^2^`, `m^2^`, `cm^3^`, `s^-1^`, `R^2^`).
 */
export function readSuperscript(text: string, at: number, excluded: Span[]): Citation | null {
  const m = SUPERSCRIPT.exec(text.slice(at, at + 120));
  if (!m) return null;
  const close = at + m[0].length - 1;
  if (!superscriptCites(text, at, at + 1, close, excluded, close + 1)) return null;
  return suffixedCitation(text, at, close, m[1]);
}

/**
 * The citation of a superscript's content, with citeproc's suffixes (`superscriptForms.ts`): a locator becomes its
 * number's suffix, Pandoc's `/` is read as in brackets.
 */
function suffixedCitation(text: string, open: number, close: number, content: string): Citation {
  const { numbers, locators, slashed } = withoutLocators(content);
  const citation = numericCitation(text, open, close, numbers, slashed, undefined);
  attachLocators(citation, locators, open + 1);
  return citation;
}

/**
 * An HTML superscript `<sup>1,2</sup>`, `<sup>2–4</sup>` at `at`, read as `^1,2^` is (same rules: after a word or
 * punctuation, not in a line of names): what `pandoc -t gfm`/`-t commonmark` and other Word converters write for a
 * superscript citation. `tag` is the excluded span of the `<sup>` tag itself (inside a comment or code it is part of
 * a larger one, and nothing is read). Its span runs to the end of `</sup>`.
 */
export function readHtmlSuperscript(text: string, at: number, tag: Span, excluded: Span[]): Citation | null {
  if (tag.start !== at || tag.end !== at + 5) return null;
  const m = HTML_SUPERSCRIPT.exec(text.slice(at, at + 120));
  if (!m) return null;
  const close = at + 5 + m[1].length;
  if (!superscriptCites(text, at, at + 5, close, excluded, at + m[0].length)) return null;
  const citation = suffixedCitation(text, at + 4, close, m[1]);
  citation.span = { start: at, end: at + m[0].length };
  citation.raw = m[0];
  return citation;
}

/**
 * The rules both superscript forms share: a superscript at `at` cites after a word of three letters or more or
 * after punctuation, or alone in a pipe table's cell (ending at `cellEnd`), not in a paragraph of names, and with no
 * excluded character (code, math) between `from` and `close`.
 */
function superscriptCites(text: string, at: number, from: number, close: number, excluded: Span[], cellEnd?: number): boolean {
  // One space may stand before it ("(cf. ^28^", "shown previously <sup>3</sup>", as Word and citeproc leave it): the
  // rules then judge what is before the space. No power has a space before it.
  const end = /[ \u00a0]$/.test(text.slice(Math.max(0, at - 1), at)) && !/\s/.test(text.slice(Math.max(0, at - 2), at - 1)) ? at - 1 : at;
  const before = text.slice(Math.max(0, end - 6), end);
  const cites = BEFORE_SUPERSCRIPT.test(before)
    // After a shorter word: an acronym of two capitals ("in the UK^5^", "AI^3^"; a unit is `m^2^`, `km^2^`), or a list
    // or range of numbers, which no power is ("fitted in R^13,14^", beside the power `R^2^`).
    || SHORT_ACRONYM.test(before) || (/\p{L}$/u.test(before) && NUMBER_LIST.test(text.slice(from, close)))
    || (cellEnd !== undefined && aloneInTableCell(text, at, cellEnd))
    || CURRENCY_BEFORE.test(text.slice(Math.max(0, end - 16), end)) || YEAR_BEFORE.test(text.slice(Math.max(0, end - 16), end));
  if (!cites || namesOnly(text, at)) return false;
  for (let q = from; q < close; q++) if (excludedAt(excluded, q)) return false;
  return true;
}

/**
 * Whether the paragraph around `at` is a line of names — "Jane Doe^1,2^, John Roe^2^ and Ann Lee^3^", where the
 * superscripts mark affiliations — rather than prose: no word of four letters or more starts in lower case.
 * Prose that cites always has one.
 */
export function namesOnly(text: string, at: number): boolean {
  const before = text.lastIndexOf('\n\n', at);
  const after = text.indexOf('\n\n', at);
  const paragraph = text.slice(before < 0 ? 0 : before, after < 0 ? text.length : after);
  // A pipe table's rows (`| NHS^9^ | 70 026 |`) are short too, and cite: no line of names is a table.
  if (/^[ \t]*\|/m.test(paragraph)) return false;
  return !/(?:^|[^\p{L}])\p{Ll}\p{L}{3}/u.test(paragraph);
}

/**
 * A manuscript cites in one numeric form. When it writes bracketed numbers (`[3]`), its superscripts are something
 * else — affiliation or footnote marks — and are not read as citations (a false `citation-order` otherwise). Unless
 * the superscripts are its form and the brackets the exception: five superscripts or more and three times as many
 * as bracketed numbers (a superscript style's manuscript with a program's printed output `[1] "Number of lines: 568"`
 * left in the text) — then the bracketed numbers are what is something else.
 */
export function oneNumericForm(citations: Citation[]): Citation[] {
  const bracketed = citations.filter((c) => c.style === 'numeric' && /^\\?\[/.test(c.raw));
  if (!bracketed.length) return citations;
  // A superscript linked to the reference list (`^[5](#B5)^`, from HTML) says what it is: it stays.
  const superscripts = new Set(citations.filter((c) => !c.linked && isSuperscript(c)));
  const dropped = superscripts.size >= 5 && superscripts.size >= 3 * bracketed.length ? new Set(bracketed) : superscripts;
  return citations.filter((c) => !dropped.has(c));
}

/** A numeric citation written as a superscript (`^1,2^`, `<sup>1</sup>`, `¹,²`: `unicodeSuperscripts.ts`). */
export function isSuperscript(c: Citation): boolean {
  return c.style === 'numeric' && /^(?:\^|<sup>|[⁰¹²³⁴-⁹])/i.test(c.raw);
}

/**
 * An index's name right before `[`: one letter (`a[2]`, `x[3]`), a name with `_` (`x_i[3]`), or a lower-case
 * identifier with digits (`data2[1]`, `x1[2]`). Not a name with a capital and digits — a formula, gene, virus or
 * model (`CO2[3]`, `H2O[12]`, `BRCA1[2]`, `YOLOv5[4]`): there chemistry and biology write no index, and a
 * numeric review's `[3]` is a citation with its space missing (Pandoc reads neither: numbers are text to it).
 */
const INDEXED = /(?:^|[^\p{L}\p{N}_])(?:\p{L}|[\p{L}\p{N}_]*_[\p{L}\p{N}_]*|[\p{Ll}\p{N}]*\p{Ll}\p{N}[\p{Ll}\p{N}]*)$/u;

/**
 * Words that announce an interval right before the bracket: "in the range [1, 100]", "values in [0, 1]", "scores
 * lie in [1, 5]", "x ∈ [1, 10]", "normalised to [1, 10]". Only "range", "interval", "scale" and "domain" may stand
 * right before it ("the range [1, 100]"); "values", "lie", "scaled"… need their "in"/"to"/"within", as "values
 * [3, 4]" may be a citation with its words before.
 */
const INTERVAL_BEFORE = new RegExp(
  String.raw`(?:\b(?:range|ranges|interval|intervals|scale|domain)(?:\s+(?:of|in|from|between|within|over))?` +
    String.raw`|\b(?:values?|valued|lies?|lying|ranging|ranged|bounded|scaled|rescaled|normali[sz]ed|mapped|clipped|clamped|varies|vary|varying)\s+(?:in|to|within|on|over|between)` +
    String.raw`|[∈=])\s*$`,
  'iu',
);

/** A unit or a count right after the bracket: "[1, 12] months", "[2, 5] mm", "[10, 20] %". */
const UNIT_AFTER = /^\s*(?:%|‰|°|(?:years?|months?|weeks?|days?|hours?|h|min|minutes?|s|sec|seconds?|ms|mm|cm|m|km|µm|μm|nm|kg|g|mg|µg|μg|ml|mL|l|L|Hz|kHz|MHz|GHz|dB|K|V|mV|W|kW|points?|pixels?|px)\b)/u;

/**
 * `[0, 1]`, `[1, 100]`, `[-1, 1]`: an interval, not a citation. A bracket opening with a sign (`[-1, 1]`, `[–5, 5]`)
 * never cites, nor does a pair from 0 (no reference is numbered 0). A pair of numbers `[a, b]` (a comma, no range) is an interval before a unit (`UNIT_AFTER`: "[2, 6]
 * weeks"), or from 0 or 1 after words that announce one (`INTERVAL_BEFORE`: "scores in the range [1, 5]"): scales
 * start there, while "the ASCII character range [112,117]" (Sci-Hub's review) cites two works. A pair from 1 beyond
 * the reference list with no such words is left to the analysis, which knows the list
 * (`pipeline/discovery/bracketedYears.ts`).
 */
function isInterval(text: string, open: number, close: number, content: string): boolean {
  if (/^\s*[-–—−+]\s*\d/.test(content)) return true;
  const pair = INTERVAL_PAIR.exec(content);
  if (!pair) return false;
  // No reference is numbered 0: `[0, 1]`, `[0, 20]` are intervals whatever the words around them.
  if (Number(pair[1]) === 0 || UNIT_AFTER.test(text.slice(close + 1, close + 16))) return true;
  return Number(pair[1]) <= 1 && INTERVAL_BEFORE.test(text.slice(Math.max(0, open - 40), open));
}

/** Two numbers and a comma (or "and"): the form of an interval. */
const INTERVAL_PAIR = /^\s*(\d{1,4})\s*(?:,|,?\s+(?:and|&))\s*\d{1,4}\s*$/;
const FOOTNOTE_LINK = /^\]\(#(?:footnote|fn)/i;
/** A superscript's numbers, each with an optional suffix citeproc writes (`1(p33)`, `35/`: `superscriptForms.ts`). */
const SUPERSCRIPT_NUMBERS = String.raw`${SEGMENT}${SUPERSCRIPT_SUFFIX}?(?:[ \t]*[,;][ \t]*${SEGMENT}${SUPERSCRIPT_SUFFIX}?)*`;
const HTML_SUPERSCRIPT = new RegExp(String.raw`^<sup>(${SUPERSCRIPT_NUMBERS})<\/sup>`, 'i');
const SUPERSCRIPT = new RegExp(String.raw`^\^(${SUPERSCRIPT_NUMBERS})\^`);
/** Two capitals as a word of their own: an acronym ("UK", "AI"), not a unit (`km`, `Pa`, `mA`). */
export const SHORT_ACRONYM = /(?:^|[^\p{L}\p{N}])\p{Lu}{2}$/u;
/**
 * An amount of money: "averaging $1,396<sup>22</sup>", as a superscript style renders "$1,396 [@key]". No one raises
 * money to a power; a bare number ("10^6^", "1,024^2^") stays a power's base.
 */
const CURRENCY_BEFORE = /[$€£¥]\d{1,3}(?:,\d{3})*(?:\.\d+)?$/;
/**
 * A year after a preposition or a month: "in 2016<sup>49</sup>", "in May 2017^90^", as a superscript style renders
 * "in 2016 [@key]". No one raises a year to a power; other numbers stay a power's base.
 */
const YEAR_BEFORE = /(?:^|[^\p{L}])(?:in|since|by|from|until|during|of|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)\.?[ \u00a0](?:1[89]|20)\d\d$/u;
/** Two numbers or more: a list or a range (`13,14`, `2–4`). */
const NUMBER_LIST = new RegExp(String.raw`\d[ \t]*(?:[,;]|${DASH})[ \t]*\d`);
/**
 * A word of three letters or more, AMA's "et al^11^", punctuation (a percent sign too: "by 30%^4^"; an opening
 * parenthesis, "(^7–11^ and others)", where a power has no base; a code span's backtick: "a `Makefile`^27^"), or a two-letter
 * function word after another word (or a code span, a bracket, emphasis): "introduced by^1^", "described in^2^",
 * "the approach of^3^", "`README.md` of^4^", or opening a sentence ("In<sup>49</sup>, a smoothing term…") — what a superscript
 * style makes of a citation after "by [@key]" (citeproc drops the space), and no power or unit: a unit follows a
 * number ("12 in^2^"), and no one squares "by". Or a name ending in a number or a short hyphenated part:
 * "STAT17^3^", "COVID-19^4^", "netNMF-sc^5^" (a power's base is a number or one letter, a unit's has no digits). Or an
 * autolink's `>`: "at <https://doi.org/…>^1^".
 */
export const BEFORE_SUPERSCRIPT = /(?:\p{L}{3}|(?:^|[^\p{L}])et[ \t\u00a0]al|[.,;:)\]’”"'*_%`(>]|[\p{L}`)\]*_’”"'][ \t\u00a0](?:by|of|in|to|on|at|as|is|or|an|we|be|it)|(?:^|\n|[.!?:][ \t\u00a0])(?:In|By|As|On|At|To)|\p{L}{2}-?\d{1,4}|\p{L}{3}-\p{L}{1,2})$/u;

/** The citation of the numbers `content` between `open` and `close` (brackets, carets or parentheses). */
export function numericCitation(text: string, open: number, close: number, content: string, slashed: boolean, locator: string | undefined): Citation {
  const span = { start: open, end: close + 1 };
  const raw = text.slice(open, close + 1);
  if (!slashed && !NUMERIC_GROUP.test(content)) {
    return { style: 'numeric', span, raw, items: [], segments: [], malformed: `“${raw}” is not a valid numeric citation; write numbers separated by commas, and ranges as “2–5”.` };
  }
  const segments: NumericSegment[] = [];
  const items: CiteItem[] = [];
  let malformed: string | undefined;
  const segmentRe = new RegExp(String.raw`(\d+)(?:\s*(${DASH})\s*(\d+))?(\/)?`, 'g');
  let dash: string | undefined;
  for (let m = segmentRe.exec(content); m; m = segmentRe.exec(content)) {
    const from = Number(m[1]);
    const toN = m[3] === undefined ? from : Number(m[3]);
    const segSpan = { start: open + 1 + m.index, end: open + 1 + m.index + m[0].length - (m[4] ? 1 : 0) };
    if (m[2]) dash ??= m[2];
    segments.push({ from, to: toN, span: segSpan });
    if (toN < from) {
      malformed = `The range ${m[0]} runs backwards; write it as ${toN}${m[2]}${from}.`;
      continue;
    }
    if (toN - from > 500) {
      malformed = `The range ${m[0]} is implausibly long.`;
      continue;
    }
    for (let n = from; n <= toN; n++) items.push({ ref: String(n), kind: 'number', number: n, span: segSpan });
    if (m[4]) items[items.length - 1].suffix = '/';
  }
  const sep = /\d\/?\s*([,;]\s*)\d/.exec(content);
  if (locator) for (const item of items) if (item === items[items.length - 1]) item.suffix = locator;
  const citation: Citation = { style: 'numeric', span, raw, items, segments, separator: sep ? sep[1] : ', ' };
  if (dash) citation.dash = dash;
  if (malformed) citation.malformed = malformed;
  return citation;
}

/**
 * `[the data set][1]`: the `[1]` after a bracketed text is a reference link's label (`[1]: https://…`), not a
 * citation — unless that text is itself a numeric citation (`[1][2]`: two citations, product.md §2).
 */
function isLinkLabel(text: string, close: number): boolean {
  const open = text.lastIndexOf('[', close);
  if (open < 0 || close - open > 300) return false;
  return !NUMERIC_LIKE.test(text.slice(open + 1, close)) && !text.slice(open + 1, close).includes(']');
}
