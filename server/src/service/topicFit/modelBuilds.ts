/**
 * Which topic model an analysis scores with: the kept one, with edited sentences re-folded into it, while the
 * works (and taxonomy) are the same; else a new one, built at once, or for a large bibliography (and for a host's
 * first model) in the background (learnt by the host's learner, or here in slices) while the analysis goes on
 * without topic fit.
 */
import type { Analysis } from '../analysis';
import type { SliceOptions } from '../bibtex/locator';
import type { Pending } from './citingClaims';
import { buildTopicModel, topicModelFromSpace, type TopicModel } from './model';
import { DEFAULTS, type TopicModelOptions, type TopicSpaceOptions } from './options';
import { runStepsInSlices } from '../slices';
import { topicSpaceSteps, type TopicSpace } from './space';
import { StemMemo } from './terms';
import { uniqueWorks, type ClaimText, type WorkText } from './texts';
import { newModelState, type LearntSpace, type TopicFitCache, type TopicFitHost, type WorkInfo } from './topicFitCache';
import { MAX_EDITED_WORKS, spaceWithEditedWorks } from './workEdits';
import { conceptsOf } from '../taxonomy';

/**
 * The model to score with, or none yet; `pending`: when to analyse again (a model being built, or one replacing
 * this one: after edited works were re-described, the build from scratch that follows). `keptOnly`: the kept model
 * for these works or none, never a new one.
 */
export function modelFor(analysis: Analysis, works: WorkInfo[], pendings: Pending[], cache: TopicFitCache, host: TopicFitHost | undefined, keptOnly = false): { model: TopicModel | null; pending?: Promise<void> } {
  // Works are fixed at build time: rebuild when the set of works (or their text) changes.
  const signature = cache.works?.works === works ? cache.works.signature : String(works.length);
  const taxonomy = analysis.taxonomy;
  const concepts = taxonomy ? (text: string) => conceptsOf(taxonomy, text) : undefined;
  const state = cache.state;
  const key = signature + (taxonomy ? taxonomy.uri : '');
  if (state && state.signature === key) {
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
    // Re-described edited works: the build from scratch that replaces this model is still to come.
    return state.learnt?.edited && cache.relearning?.signature === key ? { model: state.model, pending: cache.relearning.done } : { model: state.model };
  }
  // Only the kept model, or none (a rehearsal's text: `keptOnly`).
  if (keptOnly) return { model: null };
  const claims = pendings.map((p) => p.claim);
  const workTexts = works.map((w) => ({ ...w.text, id: w.id }));
  const options: TopicModelOptions = concepts ? { conceptsOf: concepts } : {};
  const claimKeys = new Map(pendings.map((p) => [p.claim.id, p.variant.key]));
  // A few works of a large bibliography edited: re-described in the kept space (workEdits.ts), then learnt again
  // from scratch in the background. Meanwhile the kept model goes on scoring (stale only for the edited works),
  // so topic fit's warnings do not disappear while the bibliography is edited.
  if (cache.editing?.signature === key && state) return { model: state.model, pending: cache.editing.done };
  // (A small bibliography is simply built again, at once: ≤ ~0.1 s, and exact.)
  const large = works.length + claims.length >= cache.sliceAbove;
  const edited = host && large && state?.learnt && state.learnt.taxonomy === (taxonomy?.uri ?? '') ? editedWorks(state.learnt.works, works) : null;
  if (host && state?.learnt && edited) {
    const done = updateEditedWorks(cache, state.learnt, edited, key, works, workTexts, claims, options, claimKeys, host);
    return { model: state.model, pending: done };
  }
  if (cache.building?.signature === key) return { model: null, pending: cache.building.done };
  if (host && works.length + claims.length >= cache.sliceAbove && cache.failed !== key) {
    return { model: null, pending: buildInBackground(cache, key, taxonomy?.uri ?? '', works, workTexts, claims, options, claimKeys, host) };
  }
  // The first model of a session, however small, is built after the analysis returns: the host publishes the
  // other diagnostics without waiting for it (≈150–250 ms of a fresh process's first analysis, with the code
  // still cold), then checks again when it is ready. Later builds (a bibliography edited) are done at once.
  if (host && !cache.state && cache.failed !== key) {
    return { model: null, pending: buildInBackground(cache, key, taxonomy?.uri ?? '', works, workTexts, claims, options, claimKeys, { pause: () => host.pause() }) };
  }
  cache.building?.abort.abort();
  cache.building = null;
  const model = buildTopicModel(workTexts, claims, options);
  cache.state = newModelState(key, model, claimKeys);
  return { model };
}

/**
 * The works whose text changed, by their number in the space, when `next` is `kept` with at most
 * MAX_EDITED_WORKS texts changed (same ids in the same order, none twice); else null.
 */
function editedWorks(kept: WorkInfo[], next: WorkInfo[]): Map<number, WorkInfo> | null {
  if (kept.length !== next.length) return null;
  const changed = new Map<number, WorkInfo>();
  const ids = new Set<string>();
  for (let w = 0; w < next.length; w++) {
    const a = kept[w];
    const b = next[w];
    if (a.id !== b.id || ids.has(b.id)) return null;
    ids.add(b.id);
    if (a.text === b.text) continue;
    const t = a.text;
    const u = b.text;
    if (t.title === u.title && t.abstract === u.abstract && String(t.keywords ?? '') === String(u.keywords ?? '') && t.venue === u.venue) continue;
    changed.set(w, b);
    if (changed.size > MAX_EDITED_WORKS) return null;
  }
  return changed;
}

/**
 * Re-describes the edited works in the kept space and makes the model of it (in slices: tens of ms for 20,000
 * works), then starts learning the space again from scratch in the background. Resolves once the updated model
 * is in the cache (or was superseded).
 */
function updateEditedWorks(
  cache: TopicFitCache,
  learnt: LearntSpace,
  edited: Map<number, WorkInfo>,
  key: string,
  works: WorkInfo[],
  workTexts: WorkText[],
  claims: ClaimText[],
  options: TopicModelOptions,
  claimKeys: Map<string, string>,
  host: TopicFitHost,
): Promise<void> {
  cache.building?.abort.abort();
  cache.building = null;
  const mine = { signature: key, done: Promise.resolve() };
  cache.editing = mine;
  const opt = { ...DEFAULTS, ...options };
  const stem = new StemMemo().stem;
  learnt.vocabulary ??= new Map(learnt.space.vocabulary.map((s, id) => [s, id]));
  const vocabulary = learnt.vocabulary;
  const changed = new Map([...edited].map(([w, work]) => [w, { ...work.text, id: work.id }]));
  const space = spaceWithEditedWorks(learnt.space, changed, opt, stem, vocabulary);
  mine.done = topicModelFromSpace(space, workTexts, claims, options, { pause: () => host.pause(), sliceMs: 10 }).then(
    (model) => {
      if (cache.editing !== mine) return;
      const updated = newModelState(key, model, claimKeys, { space, works, taxonomy: learnt.taxonomy, vocabulary, edited: true });
      cache.state = updated;
      // From scratch, in the background, once the bibliography has been left alone for a moment (each keystroke
      // in a title would otherwise start a build of seconds and abort the last): the result then settles on
      // exactly what a fresh build gives.
      const relearning = { signature: key, done: Promise.resolve() };
      relearning.done = new Promise<void>((resolve) => setTimeout(resolve, cache.relearnAfterMs)).then(() =>
        // Not when another edit came meanwhile (its own build follows it).
        cache.state === updated && cache.relearning === relearning && !cache.editing ? buildInBackground(cache, key, learnt.taxonomy, works, workTexts, claims, options, claimKeys, host) : undefined,
      ).finally(() => {
        if (cache.relearning === relearning) cache.relearning = null;
      });
      cache.relearning = relearning;
    },
    () => undefined,
  ).finally(() => {
    if (cache.editing === mine) cache.editing = null;
  });
  return mine.done;
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
  taxonomy: string,
  infos: WorkInfo[],
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
  // The space is kept with the model (so edited works can be re-described in it): learnt by the host's learner,
  // else here in slices, from the host's next turn (the analysis that asked returns first).
  const inSlices = (): Promise<TopicSpace> => pause().then(() => learnTopicSpaceInSlices(works, claims, options, slices));
  const learnt = host.learnTopics
    ? host.learnTopics(works, claims, spaceOptionsOf(options), abort.signal).catch(() => (current() ? inSlices() : Promise.reject(new Superseded())))
    : inSlices();
  const model = learnt.then(async (space) => ({ space, model: await topicModelFromSpace(space, works, claims, options, slices) }));
  mine.done = model.then(
    ({ space, model }) => {
      if (current()) cache.state = newModelState(key, model, claimKeys, { space, works: infos, taxonomy, edited: false });
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

/** Learns the space of `works` and `claims` here, in slices (what the host's learner does on another thread). */
async function learnTopicSpaceInSlices(works: WorkText[], claims: ClaimText[], options: TopicModelOptions, slices: Pick<SliceOptions, 'pause' | 'sliceMs'>): Promise<TopicSpace> {
  const learnt = await runStepsInSlices(topicSpaceSteps(uniqueWorks(works), claims, { ...DEFAULTS, ...options }, new StemMemo().stem), slices);
  return learnt.space;
}

/** The options a space is learnt with: all but the functions (`conceptsOf`, `variant`), which stay on this thread. */
function spaceOptionsOf(options: TopicModelOptions): TopicSpaceOptions {
  const copy: TopicModelOptions = { ...options };
  delete copy.conceptsOf;
  delete copy.variant;
  return copy;
}
