/**
 * Years in brackets (`In [2020] the law changed`, `searched [2019–2021]`) read like numeric citations, and would be
 * reported as numbers with no reference-list item. A bracket whose every number is a year (1800–2100) beyond the
 * manuscript's reference list (its highest item number; 0 without a list) is no citation: no review numbers two
 * thousand works, and one that does cites those numbers with the list to back them. The parse keeps them (it sees
 * one file, not the list that may be in another chapter); the analysis reads each file through this view.
 *
 * Likewise an interval `[1, 100]`, `[1, 12]` (a pair of numbers from 1 whose end is beyond the list): "ranks in
 * [1, 100]" is no citation of works 1 and 100 in a 40-work review. Pairs with words announcing an interval
 * ("the range [3, 50]") or a unit after them ("[2, 6] weeks") are left out by the parse (`markdown/numericCitations.ts`).
 * And the note marks `[1]` of a manuscript converted with `pandoc -t commonmark` (`commonmarkNotes.ts`), and, with
 * no reference list, numbers that are shortcut reference links (`see [1]` with `[1]: https://…` below), and
 * Unicode superscript digits (`cities¹`), which cite only where works are numbered (`markdown/unicodeSuperscripts.ts`).
 */
import type { Citation, Manuscript } from '../../types';
import { HiddenField } from '../../util/hiddenField';
import { isUnicodeSuperscript } from '../../markdown/unicodeSuperscripts';
import { commonmarkNoteMarks } from './commonmarkNotes';

const view = new HiddenField<Manuscript, { listed: number; manuscript: Manuscript }>('withoutBracketedYears');

/** The highest number of the manuscript's reference list (in whichever chapter it is), 0 without one. */
export function highestListedNumber(files: readonly Manuscript[]): number {
  let max = 0;
  for (const f of files) for (const item of f.referenceList?.items ?? []) if (item.number !== null && item.number > max) max = item.number;
  return max;
}

/** `manuscript` without the numeric citations that are years beyond the list (the same object when there are none). */
export function withoutBracketedYears(manuscript: Manuscript, listed: number): Manuscript {
  const kept = view.get(manuscript);
  if (kept && kept.listed === listed) return kept.manuscript;
  const isYear = (c: Citation): boolean =>
    c.style === 'numeric' && !c.malformed && (c.segments ?? []).length > 0 && c.segments!.every((s) => s.from >= 1800 && s.to <= 2100 && s.from > listed);
  const notes = commonmarkNoteMarks(manuscript);
  // "ref. 3" cites by number only where works are numbered (not in a Pandoc manuscript's prose).
  // So do superscript digits (`cities¹`): without a list, `²` marks a note, a footnote or an affiliation.
  const named = (c: Citation): boolean => listed === 0 && c.style === 'numeric' && (/^[Rr]ef/.test(c.raw) || isUnicodeSuperscript(c));
  const links = listed === 0 ? numberedLinkLabels(manuscript.text) : null;
  // `[1]` with a link definition `[1]: https://…` and no reference list: a shortcut reference link (CommonMark's
  // and Pandoc's reading), as READMEs and blog posts number their links.
  const linked = (c: Citation): boolean => !!links?.size && c.style === 'numeric' && c.items.length > 0 && c.items.every((i) => links.has(i.number!));
  const prose = (c: Citation): boolean => isYear(c) || isIntervalBeyond(c, listed) || notes.has(c) || named(c) || linked(c);
  const result = manuscript.citations.some(prose) ? { ...manuscript, citations: manuscript.citations.filter((c) => !prose(c)) } : manuscript;
  return view.set(manuscript, { listed, manuscript: result }).manuscript;
}

/** The numbers defined as link labels (`[1]: https://…`, at most three spaces in, as CommonMark has them). */
function numberedLinkLabels(text: string): Set<number> {
  const out = new Set<number>();
  if (!text.includes(']:')) return out;
  for (const m of text.matchAll(/^ {0,3}\[(\d{1,4})\]:[ \t]*\S/gm)) out.add(Number(m[1]));
  return out;
}

/** `[1, 100]`: two numbers and a comma (not `[1–100]`, not IEEE's `[1]–[100]`), from 1 to beyond the list. */
function isIntervalBeyond(c: Citation, listed: number): boolean {
  if (c.style !== 'numeric' || c.malformed || c.bracketed || c.items.length !== 2 || c.items.some((i) => i.suffix)) return false;
  // Only in brackets, and only against a list: `^1,2^` is no interval, and without a list nothing is "beyond" it.
  if (listed === 0 || !/^\\?\[/.test(c.raw)) return false;
  const segments = c.segments ?? [];
  return segments.length === 2 && segments[0].from === 1 && segments[0].to === 1 && segments[1].from === segments[1].to && segments[1].from > listed;
}
