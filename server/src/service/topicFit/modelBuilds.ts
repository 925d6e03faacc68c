/**
 * Which topic model an analysis scores with: the kept one, with edited sentences re-folded into it, while the
 * works (and taxonomy) are the same; else a new one, built at once, or for a large bibliography (and for a host's
 * first model) in the background (learnt by the host's learner, or here in slices) while the analysis goes on
 * without topic fit.
 */
import type { Analysis } from '../analysis';
import type { Pending } from './citingClaims';
import { buildTopicModel, buildTopicModelInSlices, topicModelFromSpace, type TopicModel } from './model';
import type { TopicModelOptions, TopicSpaceOptions } from './options';
import type { ClaimText, WorkText } from './texts';
import { newModelState, type TopicFitCache, type TopicFitHost, type WorkInfo } from './topicFitCache';
import { conceptsOf } from '../taxonomy';

export function modelFor(analysis: Analysis, works: WorkInfo[], pendings: Pending[], cache: TopicFitCache, host: TopicFitHost | undefined): TopicModel | { pending: Promise<void> } {
  // Works are fixed at build time: rebuild when the set of works (or their text) changes.
  const signature = cache.works?.works === works ? cache.works.signature : String(works.length);
  const taxonomy = analysis.taxonomy;
  const concepts = taxonomy ? (text: string) => conceptsOf(taxonomy, text) : undefined;
  const state = cache.state;
  if (state && state.signature === signature + (taxonomy ? taxonomy.uri : '')) {
    // Claim keys are built once per claim variant, so an unchanged claim costs one lookup.
    let changed = 0;
    for (const { claim, variant } of pendings) {
      if (state.claims.get(claim.id) !== variant.key) {
        state.model.updateClaim(claim);
        state.claims.set(claim.id, variant.key);
        changed++;
      }
    }
    // Sentences edited away: forget them (their cached scores age out of `results`). Claim ids are distinct, so
    // when nothing changed and the counts agree, every known claim is still present.
    if (changed > 0 || state.claims.size !== pendings.length) {
      const present = new Set<string>();
      for (const p of pendings) present.add(p.claim.id);
      for (const id of state.claims.keys()) {
        if (!present.has(id)) {
          state.model.removeClaim(id);
          state.claims.delete(id);
        }
      }
    }
    return state.model;
  }
  const key = signature + (taxonomy ? taxonomy.uri : '');
  const claims = pendings.map((p) => p.claim);
  const workTexts = works.map((w) => ({ ...w.text, id: w.id }));
  const options: TopicModelOptions = concepts ? { conceptsOf: concepts } : {};
  const claimKeys = new Map(pendings.map((p) => [p.claim.id, p.variant.key]));
  if (cache.building?.signature === key) return { pending: cache.building.done };
  if (host && works.length + claims.length >= cache.sliceAbove && cache.failed !== key) {
    return { pending: buildInBackground(cache, key, workTexts, claims, options, claimKeys, host) };
  }
  // The first model of a session, however small, is built after the analysis returns: the host publishes the
  // other diagnostics without waiting for it (≈150–250 ms of a fresh process's first analysis, with the code
  // still cold), then checks again when it is ready. Later builds (a bibliography edited) are done at once.
  if (host && !cache.state && cache.failed !== key) {
    return { pending: buildInBackground(cache, key, workTexts, claims, options, claimKeys, { pause: () => host.pause() }) };
  }
  cache.building?.abort.abort();
  cache.building = null;
  const model = buildTopicModel(workTexts, claims, options);
  cache.state = newModelState(key, model, claimKeys);
  return model;
}

/**
 * Builds the model in the background: the space is learnt by the host's learner when it has one (else, or when
 * that fails, here in slices), then the model is made of it in slices. Resolves (never rejects) when the model
 * is in the cache, or when the build was superseded by one for other works (its learner is aborted, or it stops
 * at its next pause) or failed (the next build runs at once).
 */
function buildInBackground(
  cache: TopicFitCache,
  key: string,
  works: WorkText[],
  claims: ClaimText[],
  options: TopicModelOptions,
  claimKeys: Map<string, string>,
  host: TopicFitHost,
): Promise<void> {
  // No progress for a small model (a notification would only flash): see `sliceAbove`.
  const progress = works.length + claims.length >= cache.sliceAbove ? host.progress?.(`Citelens: learning the topics of ${works.length.toLocaleString('en')} works`) : undefined;
  // This build is current while the cache points at its record (set before the first slice runs).
  const abort = new AbortController();
  const mine: { signature: string; done: Promise<void>; abort: AbortController } = { signature: key, done: Promise.resolve(), abort };
  cache.building?.abort.abort();
  cache.building = mine;
  const current = (): boolean => cache.building === mine;
  const pause = async (): Promise<void> => {
    if (!current()) throw new Superseded();
    await host.pause();
  };
  const slices = { pause, sliceMs: 10 };
  // From the host's next turn: the analysis that asked returns first.
  const inSlices = (): Promise<TopicModel> => pause().then(() => buildTopicModelInSlices(works, claims, options, slices));
  const model = host.learnTopics
    ? host.learnTopics(works, claims, spaceOptionsOf(options), abort.signal).then(
        (space) => topicModelFromSpace(space, works, claims, options, slices),
        () => (current() ? inSlices() : Promise.reject(new Superseded())),
      )
    : inSlices();
  mine.done = model.then(
    (model) => {
      if (current()) cache.state = newModelState(key, model, claimKeys);
    },
    (error: unknown) => {
      if (current() && !(error instanceof Superseded)) cache.failed = key;
    },
  ).finally(() => {
    progress?.done();
    if (current()) cache.building = null;
  });
  return mine.done;
}

class Superseded extends Error {}

/** The options a space is learnt with: all but the functions (`conceptsOf`, `variant`), which stay on this thread. */
function spaceOptionsOf(options: TopicModelOptions): TopicSpaceOptions {
  const copy: TopicModelOptions = { ...options };
  delete copy.conceptsOf;
  delete copy.variant;
  return copy;
}
