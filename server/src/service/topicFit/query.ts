/**
 * A claim as a query: its words with weights, as term ids of the topic space's vocabulary. Both halves of the
 * build need it (the space learns from whole-sentence queries; the claim index scores per citation group), so
 * it lives apart from either.
 */
import type { ModelSettings } from './options';
import { terms, type StemFn } from './terms';
import type { ClaimText } from './texts';

/**
 * The weighted texts of a claim unit. Whole sentence (`group` -1): its words weigh 1. One citation group of
 * several: the words between the previous group and this one weigh 1, the rest of the sentence `restWeight`.
 * Then the neighbouring sentences (`contextWeight`) and the headings (`headingWeight`): a claim's topic is often
 * in the sentence before ("This…", "They…") or in its section's title.
 */
export function queryParts(claim: ClaimText, group: number, opt: Pick<ModelSettings, 'restWeight' | 'contextWeight' | 'headingWeight'>): [string, number][] {
  const groups = claim.citations ?? [];
  const around: [string, number][] = [
    [claim.context ?? '', opt.contextWeight],
    [claim.headingPath.join('. '), opt.headingWeight],
  ];
  if (group < 0 || group >= groups.length) return [[claim.text, 1], ...around];
  const from = group > 0 ? groups[group - 1].offset : 0;
  const to = groups[group].offset;
  return [
    [claim.text.slice(from, to), 1],
    [claim.text.slice(0, from), opt.restWeight],
    [claim.text.slice(to), opt.restWeight],
    ...around,
  ];
}

/** The weighted query of a claim unit (see {@link queryParts}): term id → summed weight; unknown stems dropped. */
export function claimQuery(
  claim: ClaimText,
  group: number,
  opt: ModelSettings,
  idOf: (stem: string) => number | undefined,
  stem: StemFn,
): Map<number, number> {
  const query = new Map<number, number>();
  const parts = queryParts(claim, group, opt);
  for (const [text, weight] of opt.variant?.queryParts ? opt.variant.queryParts(claim, parts) : parts) {
    if (weight <= 0) continue;
    for (const t of terms(text, stem)) {
      const id = idOf(t.stem);
      if (id !== undefined) query.set(id, (query.get(id) ?? 0) + weight);
    }
  }
  return query;
}
