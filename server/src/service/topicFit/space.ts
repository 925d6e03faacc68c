/**
 * The topic space of a bibliography: its vocabulary, the BM25 and TF-IDF vectors of its works, their inverted
 * index and the latent (LSA) space. Everything learning yields before a claim is scored, as plain data, so a
 * host can learn it on another thread (`learnTopicSpace`) and the model (model.ts) is made of it.
 */
import { folder, lsaSteps, squaredNorm, type LsaBasis, type LsaSpace } from './lsa';
import { DEFAULTS, type ModelSettings, type TopicSpaceOptions } from './options';
import { claimQuery } from './query';
import { runSteps, type Steps } from '../slices';
import { sparseFromMap, type SparseVector } from './sparse';
import { StemMemo, terms, type StemFn, type Term } from './terms';
import { keywordText, uniqueWorks, type ClaimText, type WorkText } from './texts';

/** Works + citing sentences at which the latent space gets its full weight (below, proportionally less). */
const LSA_FULL_AT = 100;

/** Title content words at or below which a title-only work is too short to judge. */
const MIN_TITLE_TERMS = 3;

/** Works (or claims) between two yields of a sliced build. */
export const STEP = 64;

/**
 * What learning the topics of a bibliography yields, before any claim is scored: the vocabulary, BM25 and
 * TF-IDF vectors of the works, their inverted index and the latent space. Plain data (strings and typed
 * arrays), so a host can learn it on another thread ({@link learnTopicSpace}) and hand it back without copying
 * the arrays (see {@link topicSpaceTransfers}); `topicModelFromSpace` then makes the model of it.
 */
export interface TopicSpace {
  /** Works learnt, after de-duplication by id (the model is made with the same works). */
  nWorks: number;
  /** Stems by term id. */
  vocabulary: string[];
  /** Works holding each term id. */
  df: Int32Array;
  /**
   * Inverted index, compressed-sparse-row: the works holding term id t (ascending) and their BM25 weights are
   * postingWorks/postingWeights[postingStart[t] … postingStart[t + 1]).
   */
  postingStart: Int32Array;
  postingWorks: Int32Array;
  postingWeights: Float64Array;
  /**
   * Per-work vectors, compressed-sparse-row as well (a typed array per work costs more than its data): work w's
   * term ids (ascending), BM25 weights and unit-length TF-IDF weights are at [workStart[w] … workStart[w + 1]).
   */
  workStart: Int32Array;
  workTerms: Int32Array;
  workBm25: Float64Array;
  workUnit: Float64Array;
  /** 1: the work has enough text to be judged. */
  judgeable: Uint8Array;
  /** The latent space (null: LSA off); work w's latent vector is workLsa[w·k … (w + 1)·k). */
  lsa: LsaBasis | null;
  workLsa: Float64Array;
  /** Weight of the latent space by how many documents it was learnt from (see LSA_FULL_AT). */
  lsaConfidence: number;
  /** The works' average length (Σ of term weights), BM25's length normalisation. */
  avgLength: number;
}

/** Learns the topic space of `works` and `claims` at once (what a worker thread runs; see {@link TopicSpace}). */
export function learnTopicSpace(works: readonly WorkText[], claims: readonly ClaimText[], options: TopicSpaceOptions = {}): TopicSpace {
  return runSteps(topicSpaceSteps(uniqueWorks(works), claims, { ...DEFAULTS, ...options }, new StemMemo().stem)).space;
}

/** The buffers of a space's arrays, for a `postMessage` transfer list (each once). */
export function topicSpaceTransfers(space: TopicSpace): ArrayBuffer[] {
  const arrays = [space.df, space.postingStart, space.postingWorks, space.postingWeights, space.workStart, space.workTerms, space.workBm25, space.workUnit, space.judgeable, space.workLsa];
  if (space.lsa) arrays.push(space.lsa.basis, space.lsa.compact);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/**
 * Learns the space. Also returns the whole-sentence query of each claim, which the model's units need again
 * (tokenised once when both run on one thread).
 */
export function* topicSpaceSteps(
  works: readonly WorkText[],
  claims: readonly ClaimText[],
  opt: ModelSettings,
  stem: StemFn,
): Steps<{ space: TopicSpace; queries: Map<ClaimText, Map<number, number>> }> {
  const vocabulary = new Map<string, number>();
  const idOf = (s: string): number => {
    let id = vocabulary.get(s);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(s, id);
    }
    return id;
  };

  // --- Works: weighted term frequencies, then BM25 weights. Each work's frequencies go, sorted by term id,
  // into one growing pair of arrays (work w's at workStart[w] …): a Map per work held until the weights are
  // done cost ~30 MB more at 20,000 works.
  const nWorks = works.length;
  const lengths = new Float64Array(nWorks);
  const judgeable = new Uint8Array(nWorks);
  const workStart = new Int32Array(nWorks + 1);
  let tfIds = new Int32Array(1024);
  let tfValues = new Float64Array(1024);
  for (let w = 0; w < nWorks; w++) {
    if (w % STEP === STEP - 1) yield;
    const { tf, length, judgeable: canJudge } = workFrequencies(works[w], opt, stem, idOf);
    judgeable[w] = canJudge ? 1 : 0;
    lengths[w] = length;
    const from = workStart[w];
    const to = from + tf.size;
    if (to > tfIds.length) {
      const grownIds = new Int32Array(Math.max(to, 2 * tfIds.length));
      grownIds.set(tfIds);
      tfIds = grownIds;
      const grownValues = new Float64Array(grownIds.length);
      grownValues.set(tfValues);
      tfValues = grownValues;
    }
    let at = from;
    for (const id of tf.keys()) tfIds[at++] = id;
    tfIds.subarray(from, to).sort();
    for (let e = from; e < to; e++) tfValues[e] = tf.get(tfIds[e])!;
    workStart[w + 1] = to;
  }
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, nWorks) || 1;
  const nTerms = vocabulary.size;
  const nEntries = workStart[nWorks];
  // Term ids, trimmed to size: they are the model's per-work term ids.
  const workTerms = tfIds.slice(0, nEntries);
  tfIds = new Int32Array(0);
  const df = new Int32Array(nTerms);
  for (let e = 0; e < nEntries; e++) df[workTerms[e]]++;
  const idfOf = idfFor(df, nWorks);

  const postingStart = new Int32Array(nTerms + 1);
  for (let t = 0; t < nTerms; t++) postingStart[t + 1] = postingStart[t] + df[t];
  const postingWorks = new Int32Array(postingStart[nTerms]);
  const postingWeights = new Float64Array(postingStart[nTerms]);
  const postingFill = postingStart.slice(0, nTerms);
  const workBm25 = new Float64Array(nEntries);
  const workUnit = new Float64Array(nEntries);
  for (let w = 0; w < nWorks; w++) {
    if (w % STEP === STEP - 1) yield;
    const from = workStart[w];
    const to = workStart[w + 1];
    let norm = 0;
    for (let e = from; e < to; e++) {
      const id = workTerms[e];
      const f = tfValues[e];
      const idf = idfOf(id);
      const weight = bm25Weight(f, idf, lengths[w], avgLength, opt);
      postingWorks[postingFill[id]] = w;
      postingWeights[postingFill[id]++] = weight;
      workBm25[e] = weight;
      workUnit[e] = Math.sqrt(f) * idf;
      norm += workUnit[e] * workUnit[e];
    }
    if (norm > 0) for (let e = from, n = Math.sqrt(norm); e < to; e++) workUnit[e] /= n;
  }
  tfValues = new Float64Array(0);

  // Citing sentences help the latent space learn which words go together; they are not scored as documents.
  // Their whole-sentence queries are kept for the claims' units, which need the same ones.
  const claimVectors: SparseVector[] = [];
  const queries = new Map<ClaimText, Map<number, number>>();
  if (opt.lsa && opt.lsa.weight > 0) {
    for (const c of claims) {
      if (claimVectors.length % STEP === STEP - 1) yield;
      const query = claimQuery(c, -1, opt, (s) => vocabulary.get(s), stem);
      queries.set(c, query);
      claimVectors.push(sparseFromMap(idfWeighted(query, idfOf), true));
    }
  }
  /** Work w's term vector (views of the shared arrays), as the latent space's build reads it. */
  const workVector = (w: number): SparseVector => ({
    ids: workTerms.subarray(workStart[w], workStart[w + 1]),
    values: workUnit.subarray(workStart[w], workStart[w + 1]),
  });
  let workLsa = new Float64Array(0);
  let lsaAt = 0;
  const lsa: LsaSpace | null =
    opt.lsa && opt.lsa.weight > 0
      ? yield* lsaSteps(
          Array.from({ length: nWorks }, (_, w) => workVector(w)),
          claimVectors,
          nTerms,
          opt.lsa.dimensions ?? Math.round(Math.min(40, Math.max(10, 1.5 * Math.sqrt(nWorks + claims.length)))),
          opt.lsa.seed ?? 1,
          (n) => (workLsa = workLsa.length ? workLsa : new Float64Array(nWorks * n)).subarray(lsaAt, (lsaAt += n)),
        )
      : null;
  // A latent space learnt from a handful of documents is mostly noise (20 titles and 19 sentences give
  // "similar" vectors to unrelated pairs): its weight grows linearly to full at LSA_FULL_AT documents.
  const lsaConfidence = Math.min(1, (nWorks + claims.length) / LSA_FULL_AT);
  const space: TopicSpace = {
    nWorks,
    vocabulary: [...vocabulary.keys()],
    df,
    postingStart,
    postingWorks,
    postingWeights,
    workStart,
    workTerms,
    workBm25,
    workUnit,
    judgeable,
    lsa: lsa ? lsa.basis : null,
    workLsa,
    lsaConfidence,
    avgLength,
  };
  return { space, queries };
}

/**
 * A work's weighted term frequencies (by term id, from `idOf`; an id of -1 is left out), its length (the sum of the
 * weights, every term counted) and whether it has enough text to be judged.
 */
export function workFrequencies(work: WorkText, opt: ModelSettings, stem: StemFn, idOf: (stem: string) => number): { tf: Map<number, number>; length: number; judgeable: boolean } {
  const tf = new Map<number, number>();
  let length = 0;
  const add = (list: Term[], weight: number): void => {
    if (weight <= 0) return;
    for (const t of list) {
      const id = idOf(t.stem);
      if (id >= 0) tf.set(id, (tf.get(id) ?? 0) + weight);
      length += weight;
    }
  };
  const texts = opt.variant?.workTexts?.(work) ?? { title: work.title ?? '', abstract: work.abstract ?? '', keywords: keywordText(work.keywords) };
  const title = terms(texts.title, stem);
  const abstract = terms(texts.abstract, stem);
  const keywords = terms(texts.keywords, stem);
  add(title, opt.titleWeight);
  add(abstract, 1);
  add(keywords, 1);
  for (const [text, weight] of texts.extra ?? []) if (weight > 0) add(terms(text, stem), weight);
  return { tf, length, judgeable: title.length > MIN_TITLE_TERMS || (title.length > 0 && abstract.length + keywords.length > 0) };
}

/** BM25's weight of a term occurring `f` times (weighted) in a work of `length`, given the works' average length. */
export function bm25Weight(f: number, idf: number, length: number, avgLength: number, opt: ModelSettings): number {
  return (idf * f * (opt.k1 + 1)) / (f + opt.k1 * (1 - opt.b + (opt.b * length) / avgLength));
}

/** BM25's IDF of a term id (0 works for an unknown one), from the works' document frequencies. */
export function idfFor(df: Int32Array, nWorks: number): (id: number | undefined) => number {
  return (id) => {
    const d = id === undefined ? 0 : (df[id] ?? 0);
    return Math.log(1 + (nWorks - d + 0.5) / (d + 0.5));
  };
}

export function idfWeighted(query: Map<number, number>, idfOf: (id: number) => number): Map<number, number> {
  return new Map([...query].map(([id, q]) => [id, q * idfOf(id)]));
}

/**
 * The inverted-index pass of a space: raw BM25 scores of a query against every work, as the works with a
 * non-zero score (in the order the postings reach them) and their scores. Shares one scratch row.
 */
export function rowScorer(space: TopicSpace): (query: SparseVector) => { works: number[]; values: Float64Array } {
  const { nWorks, postingStart, postingWorks, postingWeights } = space;
  const nTerms = space.vocabulary.length;
  const scratch = new Float64Array(nWorks);
  return (query) => {
    const touched: number[] = [];
    for (let e = 0; e < query.ids.length; e++) {
      const t = query.ids[e];
      if (t >= nTerms) continue;
      const q = query.values[e];
      for (let i = postingStart[t], end = postingStart[t + 1]; i < end; i++) {
        const w = postingWorks[i];
        if (scratch[w] === 0) touched.push(w);
        scratch[w] += q * postingWeights[i];
      }
    }
    const values = Float64Array.from(touched, (w) => scratch[w]);
    for (const w of touched) scratch[w] = 0;
    return { works: touched, values };
  };
}

/** What the model derives from a space once: the vocabulary as a map, IDF, the works' latent norms, the fold-in. */
export interface SpaceIndex {
  space: TopicSpace;
  /** Stem → term id. */
  vocabulary: Map<string, number>;
  idfOf: (id: number | undefined) => number;
  /** Latent dimensions (0: LSA off); work w's latent vector is space.workLsa[w·lsaK … (w + 1)·lsaK). */
  lsaK: number;
  /** Σ of the squares of each work's latent vector, for cosines. */
  workLsaNorm: Float64Array;
  /** Projects a unit-length term vector into the latent space (null: LSA off). */
  foldIn: ((vector: SparseVector) => Float64Array) | null;
}

export function* spaceIndexSteps(space: TopicSpace): Steps<SpaceIndex> {
  const { nWorks, workLsa } = space;
  const nTerms = space.vocabulary.length;
  const vocabulary = new Map<string, number>();
  for (let id = 0; id < nTerms; id++) {
    if (id % (STEP * 64) === 0) yield;
    vocabulary.set(space.vocabulary[id], id);
  }
  const lsaK = space.lsa && nWorks ? workLsa.length / nWorks : 0;
  const workLsaNorm = new Float64Array(nWorks);
  if (lsaK) {
    for (let w = 0; w < nWorks; w++) {
      if (w % STEP === STEP - 1) yield;
      workLsaNorm[w] = squaredNorm(workLsa.subarray(w * lsaK, (w + 1) * lsaK));
    }
  }
  const foldIn = space.lsa ? folder(space.lsa) : null;
  return { space, vocabulary, idfOf: idfFor(space.df, nWorks), lsaK, workLsaNorm, foldIn };
}
