/**
 * Sub-numbered citations, `[12a]`, `[12a,b]`, `[12a–c]`, `^12b^`: chemistry's and physics' reviews (ACS, RSC, AIP
 * styles) list several works under one number — the item `12. (a) Author… (b) Author…` — and cite them by number and
 * letter. Each cites the list's item 12; unread, the item was "never cited" and the numbers after it "out of order".
 *
 * Read only where the file's reference list has that item and the item holds lettered parts (`(a) … (b) …` or
 * `a) … b) …`, or is written as lettered paragraphs `[12a] …` `[12b] …`, `ReferenceItem.parts`): elsewhere `[2a]`
 * may be a label. One number per group (`[3, 12a]` stays unread: rare, and a missed
 * citation is better than a misread one). Renumbering rewrites the number and keeps the letters.
 */
import type { Citation, ReferenceList, Span } from '../types';
import { numericCitation } from './numericCitations';
import { excludedAt } from './parseMarkdown';

/** Opener, number, first letter, more letters (`,b`, `–c`), closer: `[12a,b]`, `\[12a\]`, `^12a–c^`. */
const SUB_NUMBERED = /(\\?\[|\^)(\d{1,4})[a-h](?:[ \t]*[,–-][ \t]*[a-h])*(\\?\]|\^)/g;
/**
 * An item's text with lettered parts: `(a) … (b) …` or `a) … b) …`, or a nested list `a. …` `b. …` (each at the
 * start of a line: a lower-case letter and a full stop inside a line may be anything).
 */
const LETTERED = /(?:^|\s)\(?a\)\s[\s\S]*\s\(?b\)\s|^(?:[ \t]*\r?\n)*[ \t]*a\.[ \t][\s\S]*\n[ \t]*b\.[ \t]/;
const CLOSER: Record<string, string> = { '[': ']', '\\[': '\\]', '^': '^' };

export function subNumberedCitations(text: string, excluded: Span[], list: ReferenceList | null, citations: readonly Citation[]): Citation[] {
  if (!list) return [];
  const lettered = new Set(list.items.filter((i) => i.number !== null && (i.parts || LETTERED.test(i.text))).map((i) => i.number));
  if (!lettered.size) return [];
  const found: Citation[] = [];
  for (const m of text.matchAll(SUB_NUMBERED)) {
    const [whole, opener, digits, closer] = m;
    const at = m.index;
    if (CLOSER[opener] !== closer || !lettered.has(Number(digits))) continue;
    if ((at >= list.span.start && at < list.span.end) || excludedAt(excluded, at) || excludedAt(excluded, at + whole.length - 1)) continue;
    // `^12a^` after a digit is an exponent, `![…]`/`x^[…]` something else; an existing citation keeps its place.
    if (/[\d!]$/.test(text.slice(at - 1, at)) || citations.some((c) => c.span.start < at + whole.length && at < c.span.end)) continue;
    const open = at + opener.length - 1;
    const citation = numericCitation(text, open, open + digits.length + 1, digits, false, undefined);
    citation.span = { start: at, end: at + whole.length };
    citation.raw = whole;
    found.push(citation);
  }
  return found;
}
