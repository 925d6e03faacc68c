/**
 * Years in brackets (`In [2020] the law changed`, `searched [2019–2021]`) read like numeric citations, and would be
 * reported as numbers with no reference-list item. A bracket whose every number is a year (1800–2100) beyond the
 * manuscript's reference list (its highest item number; 0 without a list) is no citation: no review numbers two
 * thousand works, and one that does cites those numbers with the list to back them. The parse keeps them (it sees
 * one file, not the list that may be in another chapter); the analysis reads each file through this view.
 */
import type { Citation, Manuscript } from '../../types';
import { HiddenField } from '../../util/hiddenField';

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
  const result = manuscript.citations.some(isYear) ? { ...manuscript, citations: manuscript.citations.filter((c) => !isYear(c)) } : manuscript;
  return view.set(manuscript, { listed, manuscript: result }).manuscript;
}
