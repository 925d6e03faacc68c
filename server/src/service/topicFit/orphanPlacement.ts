/**
 * Orphan placement: for each list item no citation uses (an `orphaned-reference`), the claims its work would fit
 * best, so the author can cite it there. Scored with the same model as the off-topic check; the message that names
 * them is the table of checks' (`problems/catalog/referenceList.ts`).
 */
import type { Analysis } from '../analysis';
import type { ClaimFit } from '../problems/catalog/referenceList';
import type { RelatedLocation } from '../types';
import type { Pending } from './citingClaims';
import type { FitResult, TopicModel } from './model';
import type { ClaimVariant, WorkInfo } from './topicFitCache';

/** The claims an orphaned list item `[number]` would fit best, best first, also as related locations. */
export interface OrphanFit {
  number: number;
  fits: ClaimFit[];
  /** Each claim, with the fit and the terms the work shares with it. */
  related: RelatedLocation[];
}

/**
 * Orphaned list items: the claims they would fit best. `mergeOrphanFits` makes them
 * part of the numbering check's `orphaned-reference` problems of the same items.
 */
export function orphanFits(analysis: Analysis, model: TopicModel, byId: Map<string, WorkInfo>, claims: Pending[], threshold: number): OrphanFit[] {
  const placements: OrphanFit[] = [];
  if (analysis.referenceFile < 0) return placements;
  const cited = new Set<number | null | undefined>();
  for (const r of analysis.resolutions) if (r.item.kind === 'number') cited.add(r.item.number);
  for (const link of analysis.references) {
    const n = link.item.number;
    if (n === null || cited.has(n) || !byId.has(`#${n}`)) continue;
    const ranked = claims
      .map((c) => ({ c, s: orphanScore(model, c.variant, `#${n}`) }))
      .filter((x) => x.s.judgeable && x.s.score >= Math.max(threshold * 2, 0.15))
      .sort((a, b) => b.s.score - a.s.score)
      .slice(0, 3);
    if (!ranked.length) continue;
    placements.push({
      number: n,
      fits: ranked.map((x) => ({ uri: analysis.files[x.c.file].uri, span: x.c.span, score: x.s.score, claim: x.c.claim.text })),
      related: ranked.map((x) => ({ uri: analysis.files[x.c.file].uri, span: x.c.span, message: `[${n}] would fit here (fit ${x.s.score.toFixed(2)}; shares ${x.s.sharedTerms.slice(0, 3).join(', ') || 'its topic'})` })),
    });
  }
  return placements;
}

/** The fit of an orphaned work with a claim, kept per claim variant and model (every orphan meets every claim). */
function orphanScore(model: TopicModel, variant: ClaimVariant, workId: string): FitResult {
  if (variant.orphans?.model !== model) variant.orphans = { model, fits: new Map() };
  let fit = variant.orphans.fits.get(workId);
  if (!fit) variant.orphans.fits.set(workId, (fit = model.score(variant.claim.id, workId)));
  return fit;
}
