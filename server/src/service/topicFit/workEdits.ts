/**
 * A few edited works re-described in a learnt topic space, instead of learning the space again (issue 16, item
 * 12: one entry of a 35,000-entry bibliography edited re-learnt every topic, ~14 s on a loaded machine).
 *
 * An edited work gets its term frequencies, BM25 and TF-IDF weights and latent vector exactly as the space's
 * build gives every work (`workFrequencies`, `bm25Weight`, the LSA `folder`: the build folds every work into
 * the basis the same way), against the statistics the space was learnt with: its IDF (document frequencies),
 * average length, vocabulary and latent basis. Those statistics are what a build from scratch would change a
 * little: words new to the bibliography are not in the vocabulary (left out, as for an edited sentence), and
 * the document frequencies still count the old text. `modelBuilds.ts` therefore learns the space again in the
 * background after such an update and replaces the model when that is done, so the result settles on exactly
 * what a build from scratch gives; meanwhile topic fit goes on with the updated model instead of disappearing.
 */
import { folder } from './lsa';
import type { ModelSettings } from './options';
import { bm25Weight, idfFor, workFrequencies, type TopicSpace } from './space';
import type { StemFn } from './terms';
import type { WorkText } from './texts';

/** At most this many changed works are updated in place; more (a file replaced, a search-and-replace) learn again. */
export const MAX_EDITED_WORKS = 50;

/**
 * A copy of `space` (its arrays are not modified: a model made of it may still be scoring) with the works
 * numbered in `changed` re-described by their new texts. `vocabulary`: stem → term id of the space.
 */
export function spaceWithEditedWorks(space: TopicSpace, changed: ReadonlyMap<number, WorkText>, opt: ModelSettings, stem: StemFn, vocabulary: ReadonlyMap<string, number>): TopicSpace {
  const { nWorks } = space;
  const idfOf = idfFor(space.df, nWorks);
  const rows = new Map<number, { ids: Int32Array; bm25: Float64Array; unit: Float64Array; judgeable: boolean }>();
  let extra = 0;
  for (const [w, work] of changed) {
    const { tf, length, judgeable } = workFrequencies(work, opt, stem, (s) => vocabulary.get(s) ?? -1);
    const ids = Int32Array.from(tf.keys()).sort();
    const bm25 = new Float64Array(ids.length);
    const unit = new Float64Array(ids.length);
    let norm = 0;
    for (let e = 0; e < ids.length; e++) {
      const f = tf.get(ids[e])!;
      const idf = idfOf(ids[e]);
      bm25[e] = bm25Weight(f, idf, length, space.avgLength, opt);
      unit[e] = Math.sqrt(f) * idf;
      norm += unit[e] * unit[e];
    }
    if (norm > 0) for (let e = 0, n = Math.sqrt(norm); e < unit.length; e++) unit[e] /= n;
    rows.set(w, { ids, bm25, unit, judgeable });
    extra += ids.length - (space.workStart[w + 1] - space.workStart[w]);
  }

  // The per-work rows, with the changed ones replaced.
  const nEntries = space.workStart[nWorks] + extra;
  const workStart = new Int32Array(nWorks + 1);
  const workTerms = new Int32Array(nEntries);
  const workBm25 = new Float64Array(nEntries);
  const workUnit = new Float64Array(nEntries);
  const judgeable = space.judgeable.slice();
  let at = 0;
  let copiedFrom = 0;
  /** Copies the unchanged rows [copiedFrom, to) at once. */
  const copyUpTo = (to: number): void => {
    const from = space.workStart[copiedFrom];
    const end = space.workStart[to];
    workTerms.set(space.workTerms.subarray(from, end), at);
    workBm25.set(space.workBm25.subarray(from, end), at);
    workUnit.set(space.workUnit.subarray(from, end), at);
    for (let w = copiedFrom; w < to; w++) workStart[w + 1] = space.workStart[w + 1] - from + at;
    at += end - from;
  };
  for (const w of [...rows.keys()].sort((a, b) => a - b)) {
    copyUpTo(w);
    const row = rows.get(w)!;
    workTerms.set(row.ids, at);
    workBm25.set(row.bm25, at);
    workUnit.set(row.unit, at);
    at += row.ids.length;
    workStart[w + 1] = at;
    judgeable[w] = row.judgeable ? 1 : 0;
    copiedFrom = w + 1;
  }
  copyUpTo(nWorks);

  // The inverted index (works ascending within each term, as the build makes it): only the posting lists of the
  // changed works' terms (before and after) change; the runs of lists between them are copied as they are
  // (rebuilding it all took ~30–60 ms for 35,000 works; see `postingsWithEditedWorks`).
  const { postingStart, postingWorks, postingWeights } = postingsWithEditedWorks(space, rows, nEntries);

  // Latent vectors: the changed works folded into the basis, as the build folds every work.
  let workLsa = space.workLsa;
  if (space.lsa && workLsa.length) {
    workLsa = workLsa.slice();
    const k = workLsa.length / nWorks;
    const foldIn = folder(space.lsa);
    for (const [w, row] of rows) {
      const out = workLsa.subarray(w * k, (w + 1) * k);
      out.fill(0);
      foldIn({ ids: row.ids, values: row.unit }, out);
    }
  }
  return { ...space, workStart, workTerms, workBm25, workUnit, judgeable, postingStart, postingWorks, postingWeights, workLsa };
}

/**
 * The space's inverted index with the works in `rows` re-described: the posting lists of their old and new terms
 * are merged anew (a changed work's old entry dropped, its new one inserted in work order); the others are
 * copied in runs between those terms.
 */
function postingsWithEditedWorks(space: TopicSpace, rows: ReadonlyMap<number, { ids: Int32Array; bm25: Float64Array }>, nEntries: number) {
  const nTerms = space.vocabulary.length;
  const old = space.postingStart;
  // The new entries of each term touched, in work order, and how many each term gains or loses.
  const added = new Map<number, { works: number[]; weights: number[] }>();
  const delta = new Map<number, number>();
  for (const w of [...rows.keys()].sort((a, b) => a - b)) {
    for (let e = space.workStart[w]; e < space.workStart[w + 1]; e++) {
      const t = space.workTerms[e];
      delta.set(t, (delta.get(t) ?? 0) - 1);
    }
    const row = rows.get(w)!;
    for (let e = 0; e < row.ids.length; e++) {
      const t = row.ids[e];
      delta.set(t, (delta.get(t) ?? 0) + 1);
      let list = added.get(t);
      if (!list) added.set(t, (list = { works: [], weights: [] }));
      list.works.push(w);
      list.weights.push(row.bm25[e]);
    }
  }
  const postingStart = new Int32Array(nTerms + 1);
  for (let t = 0; t < nTerms; t++) postingStart[t + 1] = postingStart[t] + (old[t + 1] - old[t]) + (delta.get(t) ?? 0);
  const postingWorks = new Int32Array(nEntries);
  const postingWeights = new Float64Array(nEntries);
  let copied = 0; // terms [0, copied) are in place
  const copyRun = (to: number): void => {
    postingWorks.set(space.postingWorks.subarray(old[copied], old[to]), postingStart[copied]);
    postingWeights.set(space.postingWeights.subarray(old[copied], old[to]), postingStart[copied]);
    copied = to;
  };
  for (const t of [...delta.keys()].sort((a, b) => a - b)) {
    copyRun(t);
    const plus = added.get(t) ?? { works: [], weights: [] };
    let out = postingStart[t];
    let p = 0;
    for (let e = old[t]; e < old[t + 1]; e++) {
      const w = space.postingWorks[e];
      for (; p < plus.works.length && plus.works[p] < w; p++, out++) {
        postingWorks[out] = plus.works[p];
        postingWeights[out] = plus.weights[p];
      }
      if (rows.has(w)) continue;
      postingWorks[out] = w;
      postingWeights[out++] = space.postingWeights[e];
    }
    for (; p < plus.works.length; p++, out++) {
      postingWorks[out] = plus.works[p];
      postingWeights[out] = plus.weights[p];
    }
    copied = t + 1;
  }
  copyRun(nTerms);
  return { postingStart, postingWorks, postingWeights };
}
