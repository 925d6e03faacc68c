/**
 * Topic fit in an analysis (product.md §5), the pipeline's step: the cited works (citedWorks.ts) and the
 * citing sentences (citingClaims.ts) → the model (modelBuilds.ts; model.ts) → for every cited work its fit with
 * the claim it is attached to and `off-topic-citation` below the threshold (offTopic.ts), and for orphaned
 * references the claims they would fit best (orphanPlacement.ts, folded in by mergeOrphanFits.ts).
 *
 * The model is built once per set of works (bibliography entries, or reference-list items in a numeric
 * manuscript) and kept in the service's `TopicFitCache`; edited sentences are re-folded into it, so a keystroke
 * re-scores cheaply.
 */
import type { Analysis } from '../analysis';
import { cachedWorks } from './citedWorks';
import { claimsOf } from './citingClaims';
import type { Fit } from './fit';
import { modelFor } from './modelBuilds';
import { offTopicCitations } from './offTopic';
import { orphanFits, type OrphanFit } from './orphanPlacement';
import type { Settings } from '../settings';
import type { TopicFitCache, TopicFitHost } from './topicFitCache';
import type { Problem } from '../types';

/** Topic fit is skipped above this many resolutions (see `topicFit`). */
const MAX_TOPIC_FIT_RESOLUTIONS = 25_000;

/**
 * The fits of `analysis.resolutions` (aligned; null where none), topic fit's problems (`off-topic-citation`) and
 * the claims orphaned list items would fit (for `mergeOrphanFits`). With a host that can pause, a large bibliography's works and model are made in the background and a part of the scoring may be
 * left for later: `pending` then says when to analyse again. `keptModelOnly`: score only with the model kept for
 * these works (a rehearsal's text, `CitelensService.rehearse`), never build one.
 */
export function topicFit(
  analysis: Analysis,
  settings: Settings,
  cache: TopicFitCache,
  host?: TopicFitHost,
  keptModelOnly = false,
): { fits: (Fit | null)[]; problems: Problem[]; orphanFits: OrphanFit[]; pending?: Promise<void> } {
  const fits: (Fit | null)[] = analysis.resolutions.map(() => null);
  // Beyond this many cited works (a large review has ~2,000) the manuscript is machine-made or broken: topic
  // fit would cost tens of seconds (≈0.15 ms a claim) for no useful answer, so it is skipped.
  if (!settings.topicFitEnabled || analysis.resolutions.length === 0 || analysis.resolutions.length > MAX_TOPIC_FIT_RESOLUTIONS) return { fits, problems: [], orphanFits: [] };
  const works = cachedWorks(analysis, cache, host);
  if (!Array.isArray(works)) return { fits, problems: [], orphanFits: [], pending: works.pending };
  if (works.length < 2) return { fits, problems: [], orphanFits: [] };
  const byId = cache.works!.byId;
  const claims = claimsOf(analysis, byId, works, cache);
  // Co-citation pools works per paragraph: every claim of a paragraph lists its paragraph's works.
  // `pending` with a model: a better one is on its way (edited works re-described, then learnt from scratch).
  const { model, pending } = modelFor(analysis, works, claims.pendings, cache, host, keptModelOnly);
  if (!model) return { fits, problems: [], orphanFits: [], pending };

  const threshold = settings.topicFitThreshold;
  const sliced = !!host && works.length + claims.pendings.length >= cache.sliceAbove;
  const { problems, unfinished } = offTopicCitations(analysis, cache.state!, byId, claims, threshold, sliced, fits);
  const placements = orphanFits(analysis, model, byId, claims.pendings, threshold);
  const later = unfinished && host ? host.pause() : pending;
  return later ? { fits, problems, orphanFits: placements, pending: later } : { fits, problems, orphanFits: placements };
}
