/**
 * The numbered reference list of a numeric manuscript: the section headed "References" (or another title from
 * the settings) holding an ordered list (`1. Goodfellow I, …`) or `[n] …` paragraphs (`[1] Goodfellow I, …`).
 *
 * Read line by line from the source inside the section (the syntax tree would renumber list items for us,
 * and the author's own numbers are what we must check).
 */
import type { Heading, ReferenceItem, ReferenceList, Span } from '../types';
import { excludedAt } from './parseMarkdown';

/** `1.` / `1)` / `[1]`, the last also in a bullet (`* [1] …`, a common hand-written form). */
/**
 * `1.`, `1)`, `[1]`, `* [1]`, and as `pandoc -f docx -t markdown`/`gfm` write a Word document's paragraphs typed
 * `[1] Author…` or `1. Author…` (not a Word list): `\[1\]`, `1\.`. Also `[1]. Author…`, `[1]: Author…` and Spanish
 * `1.- Author…`, as some journals print their lists (the punctuation after the number is no part of the marker's span).
 */
const FOOTNOTE_DEFINITION = /^[ ]{0,3}\[\^[^\]\s]+\]:/;
const ITEM_START = /^[ \t]{0,3}(?:(\d{1,4})\\?[.)]-?|(?:[-*+][ \t]+)?(\\?)\[(\d{1,4})\\?\][.:]?)(?=[ \t]|$)[ \t]*/;
/** What follows `[1]:` in a link definition: one destination, then at most a title. */
const LINK_DEFINITION_REST = /^(?:<[^>]*>|\S+)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/;
/** A destination with a scheme, `doi:10.…`, `url:http…`, `https://…` (not "Title: subtitle", whose colon a space follows). */
const SCHEME_DESTINATION = /^[a-z][\w+.-]*:\S/i;
const DOI = /\b(10\.\d{4,9}\/[^\s"<>\]]+)/i;
const KEY = /(?<![\p{L}\p{N}_])@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/u;

/**
 * Finds the reference list: the titled section with the most numbered items (the last one on a tie). Its title is
 * a heading, or a paragraph that is the title alone (`**References**`, `References:`, as Word and Google Docs
 * exports write it), whose section runs to the next heading.
 */
export function findReferenceList(text: string, headings: Heading[], titles: string[], excluded: Span[], lines: readonly TitleLine[] = titleLines(text)): ReferenceList | null {
  const wanted = new Set(titles.map(normalizeTitle));
  let best: ReferenceList | null = null;
  const lists: ReferenceList[] = [];
  const candidates = [...headings, ...titleParagraphs(lines, wanted, excluded)].sort((a, b) => a.span.start - b.span.start);
  candidates.forEach((heading, index) => {
    if (!wanted.has(normalizeTitle(heading.text))) return;
    const next = candidates.slice(index + 1).find((h) => h.depth <= heading.depth && h.depth <= 6);
    const end = next ? next.span.start : text.length;
    const list = readItems(text, heading, end, excluded) ?? htmlListItems(text, heading, end, excluded);
    if (list) lists.push(list);
    if (list && (!best || list.items.length >= best.items.length)) best = list;
  });
  if (!best) return null;
  const chosen = withContinuations(text, best, [...headings, ...titleParagraphs(lines, null, excluded)], excluded);
  // Other lists numbered from 1 on their own: a chapter's, in a file holding several (see `ReferenceList.separate`).
  const separate = lists.filter((l) => l !== chosen && l.items.length > 1 && l.items[0].number === 1 && !(chosen.continuations ?? []).some((c) => c.start === l.span.start));
  if (separate.length) chosen.separate = separate.map((l) => ({ span: l.span, count: l.items.length }));
  return chosen;
}

/**
 * A section that continues the reference list under a title of its own — Nature's "Methods references", a
 * "Supplementary references" or "Additional references" section — whose numbering picks up where the list stops
 * (`31.` after `30.`): the same list, split by the journal's layout. Its citations (`^31^` in the Methods) would
 * otherwise name nothing. A section that starts again at 1 (`S1`-style supplementary lists) is a list of its own
 * and stays unread, as before.
 */
const CONTINUATION_TITLE = /^(?:(?:online |extended )?methods?|supplementary|supplemental|additional|appendix|extended data|further) references?$/;

/**
 * `list` with the items of each continuation section after it appended (in order, each starting at the number
 * after the last one), and those sections' spans in `continuations`.
 */
function withContinuations(text: string, list: ReferenceList, candidates: Heading[], excluded: Span[]): ReferenceList {
  const sorted = candidates.filter((h) => h.span.start >= list.span.end).sort((a, b) => a.span.start - b.span.start);
  sorted.forEach((heading, index) => {
    if (!CONTINUATION_TITLE.test(normalizeTitle(heading.text))) return;
    const last = list.items[list.items.length - 1].number;
    const next = sorted.slice(index + 1).find((h) => h.depth <= heading.depth && h.depth <= 6);
    const more = readItems(text, heading, next ? next.span.start : text.length, excluded);
    if (!more || last === null || more.items[0].number !== last + 1) return;
    list.items.push(...more.items);
    (list.continuations ??= []).push(more.span);
  });
  return list;
}

/** "7. References" / "**REFERENCES**" / "References {#refs}" / "References:" → "references". */
function normalizeTitle(title: string): string {
  return title
    // Word's bookmarks and underlines as `pandoc -f docx` writes them: `[]{#_Toc123 .anchor}References`,
    // `[References]{.underline}`.
    .replace(/\[\]\{[^}]*\}/g, '')
    .replace(/\[([^\]]*)\]\{[^}]*\}/g, '$1')
    .replace(/^\[([^\]]*)\]$/, '$1') // a heading's `{.underline}` is taken for its attributes, leaving `[References]`
    .replace(/[*_`]/g, '')
    .replace(/^[\s\dIVXivx.:)]*(?=\p{L})/u, '')
    .replace(/[\s:]+$/, '')
    .trim()
    .toLowerCase();
}

/** A line that may be a title paragraph: its offset and its text (see `titleLines`). */
export interface TitleLine {
  start: number;
  line: string;
}

/**
 * The one-line paragraphs of `text` that may be a reference-list title — `**References**`, `__Bibliography__`,
 * `*References*`, `References:` — after a blank line (or at the start), whatever the titles wanted. A match depends only on the
 * line and the blank line above it, so the incremental parse reads them chunk by chunk (`chunkScans.ts`).
 */
export function titleLines(text: string): TitleLine[] {
  const out: TitleLine[] = [];
  for (const m of text.matchAll(TITLE_LINE)) out.push({ start: m.index + m[0].length - m[1].length, line: m[1] });
  return out;
}

/**
 * Bold or italic (`**References**`, `*References*`, `_Bibliography_`): Word's and Google Docs' title paragraphs,
 * numbered by hand as a Word document in the Normal style numbers its sections (`**6. References**`,
 * `**VI. REFERENCES**`, `**6 References**`: `normalizeTitle` drops the number).
 */
const TITLE_LINE = /(?:^|\n[ \t]*\r?\n)([ \t]{0,3}(?:\[\]\{[^}\n]*\})?(?:\*{1,2}|_{1,2})?(?:\[\]\{[^}\n]*\})?(?:(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5})\.?[ \t]+)?[\p{L} ]{4,40}:?(?:\*{1,2}|_{1,2})?:?[ \t]*)(?=\r?\n)/gu;

/** The title lines (`titleLines`) naming a wanted title (any, without `wanted`), outside excluded spans, as pseudo-headings of depth 7: any heading ends their section. */
function titleParagraphs(lines: readonly TitleLine[], wanted: Set<string> | null, excluded: Span[]): Heading[] {
  const out: Heading[] = [];
  for (const { start, line } of lines) {
    if (excludedAt(excluded, start) || (wanted && !wanted.has(normalizeTitle(line)))) continue;
    out.push({ depth: 7, text: line.trim(), span: { start, end: start + line.length } });
  }
  return out;
}

/** The item being read. */
interface OpenItem {
  start: number;
  numberSpan: Span;
  number: number;
  textStart: number;
  lastContentEnd: number;
  parts?: Span[];
}

function readItems(text: string, heading: Heading, end: number, excluded: Span[]): ReferenceList | null {
  const items: ReferenceItem[] = [];
  let kind: ReferenceList['kind'] | null = null;
  let current: OpenItem | null = null;
  let pos = heading.span.end;
  // Skip the rest of the heading line.
  const firstBreak = text.indexOf('\n', pos);
  pos = firstBreak < 0 || firstBreak >= end ? end : firstBreak + 1;
  let sawBlank = false;
  let listEnd = end;
  /** The item closed last, reopened by its next lettered part (`[2b]` after `[2a] …` and a blank line). */
  let closed = null as OpenItem | null;
  /** The line before is a paragraph's that is no item's (text between the heading and the list, or after it). */
  let inParagraph = false;

  const close = (): void => {
    if (!current) return;
    const span = { start: current.start, end: current.lastContentEnd };
    // citeproc's markup around the text of a rendered item (`CSL_LEFT_MARGIN`) is no part of it.
    const opener = CSL_RIGHT_INLINE.exec(text.slice(current.textStart, current.textStart + 48));
    if (opener) current.textStart += opener[0].length;
    const closer = /(?:<\/span>|\]\{\.csl-right-inline\})$/.exec(text.slice(Math.max(current.textStart, current.lastContentEnd - 24), current.lastContentEnd));
    const textEnd = current.lastContentEnd - (closer ? closer[0].length : 0);
    const itemText = text.slice(current.textStart, textEnd);
    const item = withIdentifiers({ number: current.number, span, numberSpan: current.numberSpan, text: itemText, textSpan: { start: current.textStart, end: textEnd } });
    if (current.parts) item.parts = current.parts;
    items.push(item);
    closed = current;
    current = null;
  };

  while (pos < end) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 || nl > end ? end : nl;
    let line = text.slice(pos, lineEnd);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const contentEnd = pos + line.length;
    const inExcluded = excludedAt(excluded, pos) !== null && excludedAt(excluded, pos)!.start < pos;
    // A footnote definition after the items ends the list: Pandoc's Markdown writer (`pandoc -f docx -t markdown`,
    // a Word manuscript) puts every note at the end of the document, after the references, and a citation in a
    // note there is the note's, not an item's.
    if (items.length + (current ? 1 : 0) > 0 && FOOTNOTE_DEFINITION.test(line)) {
      listEnd = pos;
      break;
    }
    let m = inExcluded ? null : ITEM_START.exec(line);
    const reopen: OpenItem | null = closed && items[items.length - 1]?.span.start === closed.start ? closed : null;
    const part: LetteredPart | null = m || inExcluded ? null : letteredPart(line, current ?? reopen, items);
    if (part && part.letter !== 'a') {
      // `[2b] Author…` after `[2a] …`: the next part of the same item.
      if (!current) {
        items.pop();
        current = closed;
      }
      current!.parts!.push({ start: pos + part.digitsAt, end: pos + part.digitsAt + part.digits });
      current!.lastContentEnd = contentEnd;
      sawBlank = false;
      pos = lineEnd + 1;
      continue;
    }
    // In a `[n]` list, only `[n]` starts an item: a hard-wrapped line starting `2002. …` continues the item.
    if (m && kind === 'bracketed' && m[3] === undefined) m = null;
    // `[1]: https://…` is a link definition (a destination, maybe a title), not an item `[1]: Author…`; so is a line
    // opening with a scheme's destination, `\[11\]: doi:10.1016/… \[88\]: url:http://…` (Manubot's citation-tag
    // definitions `[@tag:x]: doi:…` as `pandoc --citeproc` renders them, several to a paragraph).
    if (m && m[0].trimEnd().endsWith(':') && (LINK_DEFINITION_REST.test(line.slice(m[0].length)) || SCHEME_DESTINATION.test(line.slice(m[0].length)))) m = null;
    // `2019\.` opening a line inside a paragraph is Pandoc's escape of a wrapped line's first word: only after a
    // blank line is `1\.` an item (a Word paragraph typed `1. Author…`).
    if (m && m[1] !== undefined && current && !sawBlank && line[line.indexOf(m[1]) + m[1].length] === '\\') m = null;
    // A `[1]` paragraph after a `1.` list is something else: the notes `pandoc -t commonmark` writes after the
    // references of a Word document (`[1] Fish were sampled…`, its footnote 1). The list ends there.
    // So does a note item `1. <a id="footnote-1"></a> …` (mammoth writes a Word document's notes after the text).
    if ((m && kind === 'ordered-list' && m[3] !== undefined && sawBlank) || (m && /^<a id="(?:footnote|fn)/i.test(line.slice(m[0].length)))) {
      listEnd = pos;
      break;
    }
    let other: ReturnType<typeof otherItemStart> = part ?? (m || inExcluded || kind === 'bracketed' ? null : otherItemStart(line, (current as { number: number } | null)?.number ?? items[items.length - 1]?.number ?? 0));
    // A line continuing a paragraph that is no item (a hand-written author-year list, `Graves, Spencer, …⏎(2019).
    // **multcompView**…`) opens an item only as number 1: CommonMark's rule for a list interrupting a paragraph.
    // Else a wrapped line's year, `(2019).` or `2019.`, made a list "starting at 2019".
    if (inParagraph && (m || other) && Number(m ? m[1] ?? m[3] : other!.number) !== 1) m = other = null;
    if (m || other) {
      close();
      let number: number, marker: number, markerLen: number;
      if (other) ({ number, marker, markerLen } = other);
      else {
        number = Number(m![1] ?? m![3]);
        marker = m![1] !== undefined ? line.indexOf(m![1]) : line.indexOf('[') - m![2].length;
        markerLen = m![1] !== undefined ? m![1].length + (line[marker + m![1].length] === '\\' ? 2 : 1) : m![3].length + 2 + 2 * m![2].length;
      }
      kind ??= part ? part.kind : other || m![1] !== undefined ? 'ordered-list' : 'bracketed';
      current = {
        start: pos + marker,
        numberSpan: { start: pos + marker, end: pos + marker + markerLen },
        number,
        textStart: pos + (other ? other.textAt : m![0].length),
        lastContentEnd: contentEnd,
        ...(part ? { parts: [{ start: pos + part.digitsAt, end: pos + part.digitsAt + part.digits }] } : {}),
      };
      sawBlank = false;
    } else if (line.trim() === '' || DIV_FENCE.test(line)) {
      // A fenced div's fence (`:::`, citeproc's `::: {#ref-x .csl-entry}` around each item) parts items as a blank
      // line does: it is no item's text.
      close();
      sawBlank = true;
    } else if (current) {
      // A continuation line: indented, or a lazy continuation before any blank line.
      if (!sawBlank || /^[ \t]/.test(line)) current.lastContentEnd = contentEnd;
      else close();
    }
    inParagraph = !current && line.trim() !== '' && !DIV_FENCE.test(line);
    pos = lineEnd + 1;
  }
  close();
  if (!kind || items.length === 0) return null;
  // What follows the last item in the section is not the list: tables and figure legends a manuscript prepared for
  // submission puts after the references. Their citations are the text's (else the works they cite are "never cited").
  const lastEnd = items[items.length - 1].span.end;
  if (listEnd === end && /\S/.test(text.slice(lastEnd, end))) listEnd = lastEnd;
  // `1.` `1.` `1.`: Markdown numbers a list from its first number on, so the items are 1, 2, 3.
  const first = items[0].number;
  if (kind === 'ordered-list' && first !== null && items.length > 1 && items.every((item) => item.number === first)) {
    items.forEach((item, i) => (item.number = first + i));
  }
  return { heading: { text: heading.text, span: heading.span }, kind, items, span: { start: heading.span.start, end: listEnd } };
}

/** The item with the DOI and the explicit `@key` its text names, if any (what links it to a BibTeX entry). */
function withIdentifiers(item: ReferenceItem): ReferenceItem {
  const doi = DOI.exec(item.text);
  if (doi) item.doi = doi[1].replace(/[.,;)]+$/, '').toLowerCase();
  const key = KEY.exec(item.text);
  if (key) item.explicitKey = key[1];
  return item;
}

/**
 * A lettered part of an item, `[2a] Author…`, `2a. Author…` (`\[2a\]`, `2a\.` as Word conversions write them): a
 * chemistry or physics review listing several works under one number as paragraphs of their own rather than as
 * `2. (a) … (b) …`. Part `a` opens item 2 only as the list's next number (a wrapped line may start `2003a.`, a year
 * with its letter); `b`–`h` continue the current item only when it is that number's lettered item, the letter after
 * the last one's.
 */
const LETTERED_PART = /^[ \t]{0,3}(?:(?:[-*+][ \t]+)?\\?\[(\d{1,4})([a-h])\\?\]|(\d{1,4})([a-h])\\?[.)])(?=[ \t])[ \t]*/;

interface LetteredPart {
  number: number;
  letter: string;
  marker: number;
  markerLen: number;
  textAt: number;
  digitsAt: number;
  digits: number;
  kind: ReferenceList['kind'];
}

function letteredPart(line: string, current: OpenItem | null, items: readonly ReferenceItem[]): LetteredPart | null {
  const m = LETTERED_PART.exec(line);
  if (!m) return null;
  const digits = m[1] ?? m[3];
  const letter = m[2] ?? m[4];
  const number = Number(digits);
  if (letter === 'a') {
    const previous = current?.number ?? items[items.length - 1]?.number ?? 0;
    if (number !== previous + 1) return null;
  } else if (!current?.parts || current.number !== number || current.parts.length !== letter.charCodeAt(0) - 97) return null;
  const marker = m[0].length - m[0].trimStart().length;
  const digitsAt = line.indexOf(digits, marker);
  return { number, letter, marker, markerLen: m[0].trimEnd().length - marker, textAt: m[0].length, digitsAt, digits: digits.length, kind: m[1] !== undefined ? 'bracketed' : 'ordered-list' };
}

/**
 * A reference list written as a raw HTML ordered list, `<ol>` `<li id="ref1">Author…</li>` … `</ol>`, as hand-written
 * Markdown pages (a README, a Jekyll or Hugo post) keep it to give each item an anchor. (Pandoc's own conversions
 * from HTML write a Markdown list.) The first `<ol>` after the title only, before any other text; items are numbered
 * from its `start` (default 1), a `<li value="n">` renumbering from n on, as HTML numbers them. The marker is the
 * `<li` opener, which holds no digits, so renumbering reorders the items (each keeps its anchor) and writes no number.
 */
/** Nothing but HTML tags and white space. */
const TAGS_ONLY = /^(?:\s*<\/?[a-z][^<>]*>)*\s*$/i;

function htmlListItems(text: string, heading: Heading, end: number, excluded: Span[]): ReferenceList | null {
  const lineEnd = text.indexOf('\n', heading.span.end);
  const start = lineEnd < 0 || lineEnd >= end ? end : lineEnd + 1;
  const open = /^(?:[ \t]*\r?\n)*[ \t]*<ol\b([^>]*)>/i.exec(text.slice(start, end));
  // Raw HTML, whose tags alone are excluded: not code (excluded with its text) nor text (not excluded).
  const tag = open ? excludedAt(excluded, start + open[0].length - 1) : null;
  if (!open || !tag || !TAGS_ONLY.test(text.slice(tag.start, tag.end))) return null;
  const from = start + open[0].length;
  const closeTag = /<\/ol\s*>/i.exec(text.slice(from, end));
  const to = closeTag ? from + closeTag.index : end;
  let number = Number(/\bstart\s*=\s*["']?(\d{1,4})/i.exec(open[1])?.[1] ?? 1);
  const items: ReferenceItem[] = [];
  const LI = /<li\b([^>]*)>([\s\S]*?)(?=<\/li\s*>|<li\b|$)/gi;
  const body = text.slice(from, to);
  for (const m of body.matchAll(LI)) {
    const at = from + m.index;
    // The `<li` tag is excluded (raw HTML), with any tags right before it; an excluded span that holds other text
    // before it is a comment or code holding it.
    const inside = excludedAt(excluded, at);
    if (inside && !TAGS_ONLY.test(text.slice(inside.start, at))) continue;
    const value = /\bvalue\s*=\s*["']?(\d{1,4})/i.exec(m[1]);
    if (value) number = Number(value[1]);
    const lead = m[2].length - m[2].trimStart().length;
    const textStart = at + m[0].length - m[2].length + lead;
    const textEnd = at + m[0].length - (m[2].length - m[2].trimEnd().length);
    const closer = /^<\/li\s*>/i.exec(text.slice(at + m[0].length, to));
    items.push(withIdentifiers({
      number: number++,
      span: { start: at, end: at + m[0].length + (closer ? closer[0].length : 0) },
      numberSpan: { start: at, end: at + 3 },
      text: text.slice(textStart, textEnd),
      textSpan: { start: textStart, end: textEnd },
    }));
  }
  if (!items.length) return null;
  return { heading: { text: heading.text, span: heading.span }, kind: 'ordered-list', items, span: { start: heading.span.start, end: closeTag ? to + closeTag[0].length : end } };
}

/**
 * Item markers Markdown does not make a list of, as reviews written elsewhere number their references: ACS's
 * `(1) Author…`, a bold `**1.** Author…` or `**[1]** Author…`, a bare `1 Author…` and a superscript `^1^ Author…` or
 * `<sup>1</sup> Author…` (AIP's and other physics journals' lists; glued to an italic title, `^4^*Handbook…*`, when
 * the work has no author). The bare number only as the next number of the
 * list (`previous` + 1), since a wrapped line of an item may start with a year or a volume ("2019 Jan;12…"); the
 * superscript only above the previous one (a gap is then the list's to report, not a lost item).
 */
function otherItemStart(line: string, previous: number): { number: number; marker: number; markerLen: number; textAt: number } | null {
  const csl = CSL_LEFT_MARGIN.exec(line);
  if (csl) {
    const digits = csl[2] ?? csl[3] ?? csl[4];
    const marker = line.indexOf(digits, csl[1].length);
    return { number: Number(digits), marker, markerLen: digits.length, textAt: csl[0].length };
  }
  const glued = CSL_LINKED_YEAR.exec(line);
  if (glued && glued[2] === `${previous + 1}${glued[3]}`) {
    return { number: previous + 1, marker: glued[1].length, markerLen: String(previous + 1).length, textAt: glued[1].length + String(previous + 1).length };
  }
  const linked = CSL_LINKED_ENTRY.exec(line);
  if (linked) {
    const digits = linked[1] ?? linked[2] ?? linked[3];
    return { number: Number(digits), marker: linked[0].lastIndexOf(digits), markerLen: digits.length, textAt: linked[0].length };
  }
  const m = OTHER_ITEM_START.exec(line);
  if (!m) return null;
  const digits = m[1] ?? m[2] ?? m[3] ?? m[4];
  const number = Number(digits);
  if (m[3] !== undefined && number !== previous + 1) return null;
  if (m[4] !== undefined && number <= previous) return null;
  const marker = m[0].length - m[0].trimStart().length;
  return { number, marker, markerLen: m[0].trimEnd().length - marker, textAt: m[0].length };
}

/**
 * An item as `pandoc --citeproc` writes a numeric style's list when the output keeps no citations (`-t gfm`,
 * `-t commonmark`, `-t markdown-citations`, Quarto's `format: gfm`): the number in the `csl-left-margin` span,
 * `<span class="csl-left-margin">1. </span><span class="csl-right-inline">Author…` or `[1. ]{.csl-left-margin}[Author…`
 * (`[\[1\] ]{…}` for a bracketed style, `(1) ` for ACS's). The item's text starts after the number's span and the text span's opener.
 */
const CSL_LEFT_MARGIN = /^([ \t]{0,3}(?:<span class="csl-left-margin">|\[))[ \t]*(?:\\?\[(\d{1,4})\\?\]|\((\d{1,4})\)|(\d{1,4})\\?\.?)[ \t]*(?:<\/span>|\]\{\.csl-left-margin\})(?:<span class="csl-right-inline">|\[)?/;
/**
 * An entry `pandoc --citeproc` links whole (its URL or DOI, which the style does not print, becomes the link of the
 * entry's text, number included, in RSC's, Angewandte's and AIP's lists): `<span class="csl-left-margin">[1M. Vangel…](https://doi.org/…)</span>`,
 * `[[\[1\]M. Vangel…](…)]{.csl-left-margin}`, `[<sup>1</sup> R. Coifman…](…)`, `[^1^ R. Coifman…](…)`, and with no
 * space when the work has no author (AIP: `[<sup>3</sup>Nucleic Acids Research…](…)`, `[<sup>36</sup>(n.d.)](…)`). The
 * number is glued to the text, so only those openings are read so.
 */
const CSL_LINKED_ENTRY = /^[ \t]{0,3}(?:(?:<span class="csl-left-margin">|\[)\[(?:\\\[(\d{1,4})\\\]|(\d{1,4})(?=\D))|\[(?:<sup>|\^)(\d{1,4})(?:<\/sup>|\^)(?:[ \t]+|(?=[\p{Lu}(*_“"])))/u;
/**
 * RSC's linked entry for a work with no author: its number glued to its year, `[232019](https://codeocean.com/)` —
 * 23 and 2019, read as the list's next number (`previous` + 1) followed by a year; any other split is not guessed.
 */
const CSL_LINKED_YEAR = /^([ \t]{0,3}(?:<span class="csl-left-margin">|\[)\[)(\d{1,4}((?:1[5-9]|20)\d\d))\]\(/;
/** The text's span opener when the item's first line ends before it (`<span⏎class="csl-right-inline">`). */
const CSL_RIGHT_INLINE = /^<span\s+class="csl-right-inline">/;
/** The opening line of citeproc's div around an item, at the end of the text before it (blank lines between). */
const CSL_ENTRY_OPEN = /(?:^|\n)([ \t]*(?:<div\s+id="ref-[^"\n]*"[^>\n]*>|:{3,}[ \t]*\{#ref-[^}\n]*\}))[ \t]*\r?\n(?:[ \t]*\r?\n)*$/;
/** Its closing line, after the item (blank lines between). */
const CSL_ENTRY_CLOSE = /^(?:[ \t]*\r?\n)*[ \t]*(?:<\/div>|:{3,})[ \t]*(?=\r?\n|$)/;

/**
 * The span of the `csl-entry` div `pandoc --citeproc` writes around a rendered item at `span` (`<div id="ref-key" …>`
 * … `</div>`, `::: {#ref-key .csl-entry}` … `:::`), from its opening line to its closing one, or null. Its id is the
 * target of the text's links (`[3](#ref-key)`), so renumbering moves it with the item (read then, not on each parse).
 */
export function cslEntryWrapper(text: string, span: Span): Span | null {
  // The item starts at its number, inside its first line (`<span class="csl-left-margin">1. `): the div ends the line above.
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const before = text.slice(Math.max(0, lineStart - 400), lineStart);
  const open = CSL_ENTRY_OPEN.exec(before);
  if (!open) return null;
  const close = CSL_ENTRY_CLOSE.exec(text.slice(span.end));
  if (!close) return null;
  const from = lineStart - before.length + open.index + (open[0].startsWith('\n') ? 1 : 0);
  return { start: from, end: span.end + close[0].length };
}

/** A fenced div's fence line. */
const DIV_FENCE = /^[ \t]*:{3,}/;
const OTHER_ITEM_START = /^[ \t]{0,3}(?:(?:\((\d{1,4})\)\.?|(?:\*\*|__)(?:\\?\[(?=\d{1,4}\\?\]))?(\d{1,4})(?:\\?\])?\.?(?:\*\*|__)\.?|(\d{1,4})(?=[ \t]+\p{Lu}))(?=[ \t])|(?:\^|<sup>)(\d{1,4})(?:\^|<\/sup>)(?=[ \t]|[*_]\S))[ \t]*/u;
