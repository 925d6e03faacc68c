/**
 * Orphan placement: for each list item no citation uses (an `orphaned-reference`), the claims its work would fit
 * best, so the author can cite it there. Scored with the same model as the off-topic check.
 */
import type { Analysis } from '../analysis';
import type { Pending } from './citingClaims';
import type { FitResult, TopicModel } from './model';
import type { ClaimVariant, WorkInfo } from './topicFitCache';
import type { Problem } from '../types';

/**
 * Orphaned list items: the claims they would fit best. Returned as partial `orphaned-reference` problems (the
 * message is a sentence to append) that `mergeOrphanFits` folds into the numbering check's diagnostics.
 */
export function orphanFits(analysis: Analysis, model: TopicModel, byId: Map<string, WorkInfo>, claims: Pending[], threshold: number): Problem[] {
  const problems: Problem[] = [];
  if (analysis.referenceFile < 0) return problems;
  const cited = new Set<number | null | undefined>();
  for (const r of analysis.resolutions) if (r.item.kind === 'number') cited.add(r.item.number);
  const file = analysis.files[analysis.referenceFile];
  for (const link of analysis.references) {
    const n = link.item.number;
    if (n === null || cited.has(n) || !byId.has(`#${n}`)) continue;
    const ranked = claims
      .map((c) => ({ c, s: orphanScore(model, c.variant, `#${n}`) }))
      .filter((x) => x.s.judgeable && x.s.score >= Math.max(threshold * 2, 0.15))
      .sort((a, b) => b.s.score - a.s.score)
      .slice(0, 3);
    if (!ranked.length) continue;
    problems.push({
      code: 'orphaned-reference',
      message: ` It would fit best at: ${ranked.map((x) => `“${clipText(x.c.claim.text, 60)}” (fit ${x.s.score.toFixed(2)})`).join('; ')}.`,
      span: link.item.numberSpan,
      uri: file.uri,
      related: ranked.map((x) => ({ uri: analysis.files[x.c.file].uri, span: x.c.span, message: `[${n}] would fit here (fit ${x.s.score.toFixed(2)}; shares ${x.s.sharedTerms.slice(0, 3).join(', ') || 'its topic'})` })),
      data: { number: n, fitsAt: ranked.map((x) => ({ uri: analysis.files[x.c.file].uri, span: x.c.span, score: x.s.score })), topicFit: true },
    });
  }
  return problems;
}

/** The fit of an orphaned work with a claim, kept per claim variant and model (every orphan meets every claim). */
function orphanScore(model: TopicModel, variant: ClaimVariant, workId: string): FitResult {
  if (variant.orphans?.model !== model) variant.orphans = { model, fits: new Map() };
  let fit = variant.orphans.fits.get(workId);
  if (!fit) variant.orphans.fits.set(workId, (fit = model.score(variant.claim.id, workId)));
  return fit;
}

function clipText(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max).replace(/\s+\S*$/, '')}…`;
}
