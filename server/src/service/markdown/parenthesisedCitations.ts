/**
 * Numbers in parentheses as a manuscript's citations: "Sleep supports memory consolidation (1, 2)." — the Vancouver
 * variant many medical and nutrition journals print, and what a Word manuscript written for them holds. Read without
 * this, such a manuscript has a reference list and no citation: every reference was "never cited".
 *
 * Parentheses hold many other numbers — enumerations "(1) identify, (2) screen", equations "Eq. (3)", "(n = 12)",
 * years — so they are read as citations only when the manuscript says that is its form:
 * - it has a numbered reference list and no other numeric citation (`[n]`, superscripts) — one form per manuscript —
 *   or the parentheses outnumber the other form three to one (five at least), which is then no citation;
 * - a group holds only numbers, commas and ranges, each within the list's numbers;
 * - it follows a word and a space ("consolidation (1, 2)", "in 2019 (3)") — not punctuation, as an enumeration
 *   does ("steps: (1) identify; (2) screen"), nor "and"/"or"/"then" ("… and (3) extract"), nor a label's word
 *   ("Eq. (3)", "Table (2)", "step (1)") unless it brings the next number in first-citation order after a prose
 *   label ("a phylogeny-free model (55)") or a citation joined by "and" ("in (75) and (76)"); the space may be
 *   Pandoc's no-break space after an abbreviation ("(cf.\u00a0(28))", as its smart extension writes it). Or it
 *   follows a word and a comma and closes a clause ("(pip tool, (42))", "semantic versioning, (38).") — an
 *   enumeration's next item is followed by words;
 * - and the groups so read cite at least half of the list's items. A manuscript that uses parentheses only for
 *   enumerations cites few of its references with them, and keeps what it had.
 */
import type { Citation, ReferenceList, Span } from '../types';
import { DASHES, numericCitation } from './numericCitations';
import { excludedAt } from './parseMarkdown';
import { aloneInTableCell, opensCell } from './superscriptForms';

/**
 * A number, or one in italics as Science prints them: "(*1*)", "(*2*, *3*)", "(*4*–*6*)"; with Pandoc's `/` after it
 * when its key ends in `/` (Manubot's `@url:https://x.org/a/`, which Pandoc 2.17 reads without it): "(20/)",
 * "(18,35/,36/,37)", and after Science's italic number too. A fraction "(1/2)" has a number after its `/`, and is no group.
 */
const NUMBER = String.raw`(?:\d{1,4}|\*\d{1,4}\*|_\d{1,4}_|<em>\d{1,4}<\/em>)\/?`;
/** A range's dash: one character, or Pandoc Markdown's `--` for an en dash ("(2--4)", as `-t markdown` writes "(2–4)"). */
const RANGE = String.raw`${NUMBER}(?:[ \t]*(?:--|[${DASHES}])[ \t]*${NUMBER})?`;
/** Science's italics: `*1*`, `_1_`, or `<em>1</em>` in raw HTML (a gfm figure caption). */
const EMPHASIS = /<\/?em>|[*_]/g;
/** Numbers and ranges joined by commas, or by semicolons as ISO 690 joins two citations' groups: "(8–10; 10)". */
const GROUP = new RegExp(String.raw`\((${RANGE}(?:[ \t]*[,;][ \t]*${RANGE})*)\)`, 'g');
/**
 * What stands before a citation group: a word (or a number, a closing bracket or quote, a code span or autolink, or
 * emphasis closing on a title: "with *Salmon* (2)", not a bullet's `* (1)`) and one space.
 */
const AFTER_WORD = /(?:[\p{L}\p{N}%’”")\]`>]|\S[*_])[ \t\u00a0]$/u;
/**
 * Or a cue no enumeration follows: an opening parenthesis ("research ((7–11) and others)"), "e.g.", "cf.", "i.e.",
 * "viz." ("(cf. (28))", "(e.g., (20))"), "et al." ("Angermueller et al. (12)"), a pipe table's cell holding it.
 */
const AFTER_CUE = /(?:\(|(?:^|[^\p{L}])(?:e\.g\.|cf\.|i\.e\.|viz\.|et[ \u00a0]al\.),?[ \t\u00a0])$/u;
/**
 * Or a comma after a word (a letter, a closing quote or a code span), the group closing the parenthetical, clause or
 * sentence: "(cf. semantic versioning, (38))", "(pip tool, (42))", "(“little R”, (45))", as citeproc renders
 * "(pip tool, [@key])". An enumeration's next item is followed by its words ("(1) identify, (2) screen"); a list of
 * equations has a group, not a word, before its comma ("Eqs. (1), (2), (3)"); a number before the comma is a
 * label's ("Eq. 4, (5)").
 */
const AFTER_COMMA = /[\p{L}’”"`][ \t\u00a0]?,[ \t\u00a0]$/u;
/** What follows such a group: a closing parenthesis, punctuation or the end of the line. */
const CLOSES_CLAUSE = /^(?:[).;,]|[ \t]*(?:\r?\n|$))/;
/**
 * Pandoc's own mark of a citation: the group fills `<span class="citation" data-cites="…">(10)</span>`, as its gfm
 * writer renders a citation in raw HTML (a figure's `<figcaption>`).
 */
function inCitationSpan(text: string, open: number, length: number): boolean {
  if (text.slice(open + length, open + length + 7) !== '</span>') return false;
  const tag = text.lastIndexOf('<span', open);
  return tag >= 0 && open - tag < 600 && /^<span class="citation"[^<>]*>$/.test(text.slice(tag, open));
}

/** Words whose "(n)" is an enumeration's or a label's, not a citation. */
const NOT_BEFORE = /(?:^|[^\p{L}])(?:and|or|then|eq|eqs|equation|equations|table|tables|fig|figs|figure|figures|step|steps|stage|stages|phase|phases|type|types|grade|level|class|model|models|item|items|question|questions|hypothesis|criterion|criteria|section|chapter|appendix|panel|row|column|line)\.?[ \t\u00a0]$/iu;
/**
 * Of those, the words prose also puts before a citation ("a phylogeny-free model (55)", "one hundred samples per class
 * (24)", "sequence models (74)", "provided in (75) and (76)"): the group is read after them only when it brings the
 * next number in first-citation order (`nextInOrder`) — and after "and"/"or"/"then" only when a citation read just
 * before it is what the word joins. An equation's, a figure's, a table's or a section's number never is.
 */
const PROSE_LABEL = /(?:^|[^\p{L}])(?:step|steps|stage|stages|phase|phases|type|types|grade|level|class|model|models|item|items|question|questions|hypothesis|criterion|criteria)[ \t\u00a0]$/iu;
const JOINS_CITATION = /\)[ \t\u00a0]+(?:and|or|then)[ \t\u00a0]$/iu;

export function parenthesisedCitations(text: string, excluded: Span[], list: ReferenceList | null, citations: readonly Citation[]): Citation[] {
  if (!list || list.items.length < 3) return [];
  const others = citations.filter((c) => c.style === 'numeric' && !c.nocite).length;
  // A manuscript citing another numeric way (every keystroke of a bracketed one) is not scanned unless it holds
  // enough parentheses to outnumber that form three to one.
  if (others && countOf(text, '(') < 3 * others) return [];
  const numbers = new Set(list.items.map((i) => i.number));
  const found: Citation[] = [];
  for (const m of text.matchAll(GROUP)) {
    const open = m.index;
    if (open >= list.span.start && open < list.span.end) continue;
    if (excludedAt(excluded, open)) continue;
    const before = text.slice(Math.max(0, open - 24), open);
    const afterComma = AFTER_COMMA.test(before) && CLOSES_CLAUSE.test(text.slice(open + m[0].length, open + m[0].length + 4))
      && !NOT_BEFORE.test(before.replace(/[ \t\u00a0]*,[ \t\u00a0]$/, ' '));
    const cue = AFTER_WORD.test(before) || AFTER_CUE.test(before) || afterComma || opensCell(text, open) || aloneInTableCell(text, open, open + m[0].length)
      || inCitationSpan(text, open, m[0].length);
    if (!cue) continue;
    // Emphasis marks (`*1*`, `<em>1</em>`) read as spaces: the numbers keep their offsets.
    const citation = numericCitation(text, open, open + m[0].length - 1, m[1].replace(EMPHASIS, (e) => ' '.repeat(e.length)), m[1].includes('/'), undefined);
    if (citation.malformed || !citation.items.every((i) => numbers.has(i.number ?? null))) continue;
    if (NOT_BEFORE.test(before)) {
      const joined = JOINS_CITATION.test(before) && found.at(-1)?.span.end === open - before.length + before.lastIndexOf(')') + 1;
      if (!((PROSE_LABEL.test(before) || joined) && nextInOrder(citation, found))) continue;
    }
    found.push(citation);
  }
  const cited = new Set(found.flatMap((c) => c.items.map((i) => i.number)));
  if (cited.size * 2 < numbers.size) return [];
  // Another numeric form besides: the parentheses are the manuscript's form only when they outnumber it three to one
  // (a program's printed `[1] "Number of lines"` left in the text); the caller then drops the other form.
  return !others || (found.length >= 5 && found.length >= 3 * others) ? found : [];
}

/**
 * Whether the citation brings the next number(s) in first-citation order after the citations read before it (at
 * least one): each of its numbers is cited already or the next one, and one is new ("(55)" after citations up to 54).
 */
function nextInOrder(citation: Citation, before: readonly Citation[]): boolean {
  let max = 0;
  for (const c of before) for (const i of c.items) max = Math.max(max, i.number ?? 0);
  const fresh = [...new Set(citation.items.map((i) => i.number ?? 0).filter((n) => n > max))].sort((a, b) => a - b);
  return max > 0 && fresh.length > 0 && fresh.every((n, k) => n === max + 1 + k);
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) n++;
  return n;
}
