/**
 * The topic-fit model: how well a cited work fits the claim that cites it, learnt from the manuscript's own
 * bibliography and citing sentences (plus optional taxonomy concepts). No network, no model files.
 *
 * score = clamp((coverage + LSA cosine) / 2 + 0.5 × co-citation [+ 0.3 × shared concepts]), where
 * 1. coverage: BM25 (k1 1.2, b 0.75; title counted twice; Porter stems, stop words removed) of the claim against
 *    the work, divided by what a work holding every claim word once would score — an absolute share of the
 *    claim's rarity mass, comparable across claims. In a sentence with several citation groups, the words
 *    leading up to the group weigh 1 and the rest of the sentence 0.2.
 * 2. LSA: cosine in a latent space from a truncated SVD of the term × document matrix of works and claims.
 * 3. co-citation: the best TF-IDF cosine between the work and the other works cited in the same paragraph.
 * The two-way percentile (rank of the work for the claim and of the claim for the work) and context weights are
 * options; measured, they do not help (docs/topic-fit.md has the numbers).
 *
 * How often a work is cited is deliberately NOT a signal (see docs/topic-fit.md).
 *
 * Per work, term and LSA vectors are precomputed; a claim is a sparse query plus an LSA vector, so `score` is
 * a sparse dot product, a short dense one and a few co-citation cosines, and `updateClaim` re-folds one claim.
 */
import type { SliceOptions } from '../bibtex/locator';
import { folder, lsaSteps, type LsaBasis, type LsaSpace } from './lsa';
import { salientPhrases } from './phrases';
import { percentile, sketchOf, SortedColumn, type RankSketch } from './ranks';
import { runSteps, runStepsInSlices, type Steps } from '../slices';
import { mergeDot, sparseFromMap, type SparseVector } from './sparse';
import { expandAbbreviations, terms, type Term } from './terms';
import { DEFAULT_THRESHOLD } from './threshold';

/** Works + citing sentences at which the latent space gets its full weight (below, proportionally less). */
const LSA_FULL_AT = 100;

/** A work as topic fit sees it: plain text fields (BibTeX title, abstract, keywords, venue). */
export interface WorkText {
  id: string;
  title?: string;
  abstract?: string;
  /** Keywords as one string ("a; b, c") or a list. */
  keywords?: string | string[];
  /** Journal, proceedings or publisher name. */
  venue?: string;
}

/** A citing sentence. */
export interface ClaimText {
  id: string;
  /** The sentence holding the citation (citation markers may be left in; they are ignored). */
  text: string;
  /** Neighbouring sentences (previous and next), as context. */
  context?: string;
  /** Headings above the sentence, outermost first. */
  headingPath: string[];
  /** Claims with the same paragraph id pool their cited works for the co-citation signal. */
  paragraphId?: string;
  /** Works cited in this sentence. */
  citedWorkIds: string[];
  /**
   * The sentence's citation groups in order, each with the offset in `text` where it stands (a group is one
   * `[…]`, or a run of adjacent ones cited together). With two or more groups, each group is judged against
   * the words leading up to it: in "genetic medicine [4], radiology [5]" work 4 must fit "genetic medicine".
   */
  citations?: { offset: number; workIds: string[] }[];
}

export interface TopicModelOptions {
  /** BM25 term-frequency saturation. Default 1.2. */
  k1?: number;
  /** BM25 length normalisation. Default 0.75. */
  b?: number;
  /** How many times the title counts. Default 2. */
  titleWeight?: number;
  /** Weight of venue words (journal names describe the outlet more than the topic; measured to hurt). Default 0. */
  venueWeight?: number;
  /** Weight of the previous/next sentence words in the query (measured not to help). Default 0. */
  contextWeight?: number;
  /** Weight of heading-path words in the query (measured not to help). Default 0. */
  headingWeight?: number;
  /** Use the two-way percentile (else the row percentile alone). Default true. */
  twoWay?: boolean;
  /** Weight of the best similarity to the works co-cited in the paragraph. Default 0.5. */
  coCitationWeight?: number;
  /** Weight of the rest of the sentence when a sentence has several citation groups. Default 0.2. */
  restWeight?: number;
  /**
   * Share of the lexical signal taken by coverage (the part of the claim's rarity mass the work matches),
   * the rest being the two-way percentile (measured: coverage alone ranks better). Default 1.
   */
  coverageWeight?: number;
  /**
   * Latent semantic space (LSA): dimensions and weight of its claim–work cosine relative to the lexical
   * signal; `undefined` or weight 0 = off. Dimensions default to 1.5·√(works + claims), within 10–40.
   * Default `{ weight: 1 }`.
   */
  lsa?: { dimensions?: number; weight: number; seed?: number };
  /**
   * Abbreviations the manuscript defines (`findAbbreviations`), expanded in claims and works before matching.
   * Measured not to help the score (docs/topic-fit.md); off unless given.
   */
  abbreviations?: Readonly<Record<string, string>>;
  /** Taxonomy concepts mentioned by a text (ids); used when given. */
  conceptsOf?: (text: string) => string[];
  /** Weight of the share of the claim's concepts that the work also has. Default 0.3. */
  conceptWeight?: number;
}

/** The fit of one work with one claim. */
export interface FitResult {
  /** In [0, 1]; higher fits better. */
  score: number;
  /** False when there is too little text to judge (see `reason`): no diagnostic should be raised. */
  judgeable: boolean;
  /** `work-too-short`: no title, or a title of ≤ 3 content words and nothing else. `claim-too-short`: the claim has no content word that any work uses. */
  reason?: 'work-too-short' | 'claim-too-short';
  /** Salient words of the claim, as written, most salient first. */
  claimTerms: string[];
  /** Salient words of the work, as written, most salient first. */
  workTerms: string[];
  /** Words the claim and work share (surface form from the claim), strongest first. */
  sharedTerms: string[];
  /** The signals the score was combined from, for hovers and debugging. */
  signals: { lexical: number; coCitation: number; concepts: number; lsa: number };
}

export interface Suggestion {
  workId: string;
  score: number;
}

export interface ScoreOptions {
  /**
   * The work this one would replace in the claim (for "what if [3] were cited here instead of [18]"): it is
   * left out of the co-cited works. Default: the scored work itself is left out, nothing else.
   */
  replacing?: string;
}

export interface ExplainOptions extends ScoreOptions {
  /** Suggest better fits scoring at least this (and more than the explained work). Default: the default threshold. */
  threshold?: number;
  /** How many better fits to name. Default 3. */
  suggestions?: number;
}

/** A built topic model. Claims can be added or replaced cheaply; works are fixed at build time. */
export interface TopicModel {
  /** How well `workId` fits `claimId`. Unknown ids give a non-judgeable result with score 0. */
  score(claimId: string, workId: string, options?: ScoreOptions): FitResult;
  /**
   * The best-fitting works for the claim, best first (excluded ids and non-judgeable works skipped). With
   * `replacing`, for the citation group of that work.
   */
  suggest(claimId: string, k?: number, exclude?: Iterable<string>, options?: ScoreOptions): Suggestion[];
  /**
   * The diagnostic message for a poor fit, e.g. `Claim is about diffusion models, medical image synthesis;
   * [18] "Why a right to explanation…" is about GDPR, automated decisions; they share no topic. Better fits
   * here: [3] "Denoising diffusion probabilistic models" (0.81).` `labelOf` names a work as the text does
   * (`[18]`, `@key`).
   */
  explain(claimId: string, workId: string, labelOf: (workId: string) => string, options?: ExplainOptions): string;
  /** Adds a claim or replaces the claim with the same id (an edited sentence); rescoring is then cheap. */
  updateClaim(claim: ClaimText): void;
  /** Forgets a claim (a sentence that no longer exists), so an editing session does not accumulate them. */
  removeClaim(claimId: string): void;
  hasClaim(claimId: string): boolean;
  hasWork(workId: string): boolean;
}

// ---------------------------------------------------------------------------------------------

/** A work's text and what explanations need; its vectors live in the model's shared arrays (see the build). */
interface WorkRecord {
  id: string;
  text: WorkText;
  judgeable: boolean;
  concepts: ReadonlySet<string>;
  /** Salient phrases, computed on first use. */
  about?: string[];
}

/**
 * What one citation group of a claim is scored as (the whole sentence when it has one group): a query row of
 * raw BM25 scores against every work.
 */
interface UnitRecord {
  claim: ClaimText;
  /** Works of this citation group (all the sentence's works for a whole-sentence unit). */
  workIds: string[];
  /** Query term ids → weights. */
  query: SparseVector;
  /** The unit's non-zero raw scores over all works, for the row percentile. */
  row: RankSketch;
  /** Σ query weight × IDF: the score of a work holding every query term once, for coverage. */
  ideal: number;
  lsa: Float64Array | null;
  /** Σ lsa², for cosines (computed once, as `cosine` would). */
  lsaNorm: number;
}

const DEFAULTS = {
  k1: 1.2,
  b: 0.75,
  titleWeight: 2,
  venueWeight: 0,
  contextWeight: 0,
  headingWeight: 0,
  twoWay: true,
  coCitationWeight: 0.5,
  conceptWeight: 0.3,
  restWeight: 0.2,
  coverageWeight: 1,
  lsa: { weight: 1 } as TopicModelOptions['lsa'],
  abbreviations: undefined as TopicModelOptions['abbreviations'],
  conceptsOf: undefined as TopicModelOptions['conceptsOf'],
};

/** At most this many claims form the reference distribution of the second (per-work) rank. */
const COLUMN_SAMPLE = 256;

/** Title content words at or below which a title-only work is too short to judge. */
const MIN_TITLE_TERMS = 3;

/**
 * Builds the topic model of one manuscript: its bibliography (`works`) and its citing sentences (`claims`).
 *
 * @example
 * const model = buildTopicModel(works, claims);
 * const fit = model.score('claim-12', 'goodfellow2014');
 * if (fit.judgeable && fit.score < DEFAULT_THRESHOLD) {
 *   message = model.explain('claim-12', 'goodfellow2014', (id) => `@${id}`);
 * }
 */
export function buildTopicModel(
  works: readonly WorkText[],
  claims: readonly ClaimText[],
  options: TopicModelOptions = {},
): TopicModel {
  return runSteps(topicModelSteps(works, claims, options));
}

/**
 * {@link buildTopicModel} in slices of a few milliseconds with `slices.pause()` between them: the same model,
 * but building one for a 20,000-work bibliography (seconds) no longer holds a language server's thread.
 */
export function buildTopicModelInSlices(
  works: readonly WorkText[],
  claims: readonly ClaimText[],
  options: TopicModelOptions,
  slices: Pick<SliceOptions, 'pause' | 'sliceMs'>,
): Promise<TopicModel> {
  return runStepsInSlices(topicModelSteps(works, claims, options), slices);
}

/**
 * What learning the topics of a bibliography yields, before any claim is scored: the vocabulary, BM25 and
 * TF-IDF vectors of the works, their inverted index and the latent space. Plain data (strings and typed
 * arrays), so a host can learn it on another thread ({@link learnTopicSpace}) and hand it back without copying
 * the arrays (see {@link topicSpaceTransfers}); {@link topicModelFromSpace} then makes the model of it.
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
}

/** The options learning a space reads: all but `conceptsOf` (a function, which cannot cross to a thread). */
export type TopicSpaceOptions = Omit<TopicModelOptions, 'conceptsOf'>;

/** Learns the topic space of `works` and `claims` at once (what a worker thread runs; see {@link TopicSpace}). */
export function learnTopicSpace(works: readonly WorkText[], claims: readonly ClaimText[], options: TopicSpaceOptions = {}): TopicSpace {
  return runSteps(topicSpaceSteps(uniqueWorks(works), claims, { ...DEFAULTS, ...options })).space;
}

/** The buffers of a space's arrays, for a `postMessage` transfer list (each once). */
export function topicSpaceTransfers(space: TopicSpace): ArrayBuffer[] {
  const arrays = [space.df, space.postingStart, space.postingWorks, space.postingWeights, space.workStart, space.workTerms, space.workBm25, space.workUnit, space.judgeable, space.workLsa];
  if (space.lsa) arrays.push(space.lsa.basis, space.lsa.compact);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/**
 * The model of a space learnt elsewhere (see {@link TopicSpace}), for the same `works` and `claims` and options
 * (with `conceptsOf`, applied here), in slices: it indexes the vocabulary and adds the claims (tens of ms at
 * 20,000 works).
 */
export function topicModelFromSpace(
  space: TopicSpace,
  works: readonly WorkText[],
  claims: readonly ClaimText[],
  options: TopicModelOptions,
  slices: Pick<SliceOptions, 'pause' | 'sliceMs'>,
): Promise<TopicModel> {
  const unique = uniqueWorks(works);
  if (unique.length !== space.nWorks) return Promise.reject(new Error(`topic space learnt from ${space.nWorks} works, model asked for ${unique.length}`));
  return runStepsInSlices(modelSteps(space, unique, claims, { ...DEFAULTS, ...options }, new Map()), slices);
}

/** Works (or claims) between two yields of the sliced build. */
const STEP = 64;

/** The last work with an id wins, as the last claim does. */
function uniqueWorks(works: readonly WorkText[]): WorkText[] {
  return [...new Map(works.map((w) => [w.id, w])).values()];
}

function* topicModelSteps(
  works: readonly WorkText[],
  claims: readonly ClaimText[],
  options: TopicModelOptions,
): Steps<TopicModel> {
  const opt = { ...DEFAULTS, ...options };
  const unique = uniqueWorks(works);
  const { space, queries } = yield* topicSpaceSteps(unique, claims, opt);
  return yield* modelSteps(space, unique, claims, opt, queries);
}

/**
 * Learns the space. Also returns the whole-sentence query of each claim, which the model's units need again
 * (tokenised once when both run on one thread).
 */
function* topicSpaceSteps(
  works: readonly WorkText[],
  claims: readonly ClaimText[],
  opt: typeof DEFAULTS,
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
    const work = works[w];
    const tf = new Map<number, number>();
    let length = 0;
    const add = (list: Term[], weight: number): void => {
      if (weight <= 0) return;
      for (const t of list) {
        const id = idOf(t.stem);
        tf.set(id, (tf.get(id) ?? 0) + weight);
        length += weight;
      }
    };
    const expand = (text: string): string => (opt.abbreviations ? expandAbbreviations(text, opt.abbreviations) : text);
    const title = terms(expand(work.title ?? ''));
    const abstract = terms(expand(work.abstract ?? ''));
    const keywords = terms(keywordText(work.keywords));
    add(title, opt.titleWeight);
    add(abstract, 1);
    add(keywords, 1);
    add(terms(work.venue ?? ''), opt.venueWeight);
    judgeable[w] = title.length > MIN_TITLE_TERMS || (title.length > 0 && abstract.length + keywords.length > 0) ? 1 : 0;
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
      const weight = (idf * f * (opt.k1 + 1)) / (f + opt.k1 * (1 - opt.b + (opt.b * lengths[w]) / avgLength));
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
      const query = queryOf(c, -1, opt, (s) => vocabulary.get(s));
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
  };
  return { space, queries };
}

/** BM25's IDF of a term id (0 works for an unknown one), from the works' document frequencies. */
function idfFor(df: Int32Array, nWorks: number): (id: number | undefined) => number {
  return (id) => {
    const d = id === undefined ? 0 : (df[id] ?? 0);
    return Math.log(1 + (nWorks - d + 0.5) / (d + 0.5));
  };
}

function idfWeighted(query: Map<number, number>, idfOf: (id: number) => number): Map<number, number> {
  return new Map([...query].map(([id, q]) => [id, q * idfOf(id)]));
}

/** The model of a learnt space: the works' records, then the claims' units (see {@link topicSpaceSteps}). */
function* modelSteps(
  space: TopicSpace,
  works: readonly WorkText[],
  claims: readonly ClaimText[],
  opt: typeof DEFAULTS,
  buildQueries: Map<ClaimText, Map<number, number>>,
): Steps<TopicModel> {
  const { nWorks, df, postingStart, postingWorks, postingWeights, workStart, workTerms, workBm25, workUnit, workLsa, lsaConfidence } = space;
  const nTerms = space.vocabulary.length;
  const vocabulary = new Map<string, number>();
  for (let id = 0; id < nTerms; id++) {
    if (id % (STEP * 64) === 0) yield;
    vocabulary.set(space.vocabulary[id], id);
  }
  const idfOf = idfFor(df, nWorks);
  const rarity = (stem: string): number => idfOf(vocabulary.get(stem));
  // For naming topics: words no work uses are often plain verbs ("dominate"); rank them below rare shared ones.
  const topicality = (stem: string): number => {
    const id = vocabulary.get(stem);
    return id !== undefined && df[id] > 0 ? rarity(stem) : 0.75 * Math.log(1 + (nWorks - 0.5) / 1.5);
  };
  // Work w's latent vector is workLsa[w·k … (w + 1)·k), its squared norm workLsaNorm[w].
  const lsaK = space.lsa && nWorks ? workLsa.length / nWorks : 0;
  const workLsaNorm = new Float64Array(nWorks);
  const workRecords: WorkRecord[] = [];
  const workIndex = new Map<string, number>();
  for (let w = 0; w < nWorks; w++) {
    if (w % STEP === STEP - 1) yield;
    const work = works[w];
    workRecords.push({
      id: work.id,
      text: work,
      judgeable: space.judgeable[w] === 1,
      concepts: opt.conceptsOf ? new Set(opt.conceptsOf(workFullText(work))) : NO_CONCEPTS,
    });
    workIndex.set(work.id, w);
    if (lsaK) workLsaNorm[w] = squaredNorm(workLsa.subarray(w * lsaK, (w + 1) * lsaK));
  }
  const foldIn = space.lsa ? folder(space.lsa) : null;

  // --- Claims → units. A sentence citing several groups ("… genetic medicine [A], radiology [B] …") has one
  // unit per group whose query stresses the words leading up to that group; otherwise one unit per sentence.
  // Each unit keeps a sparse row of raw BM25 scores; columns hold every unit's score per work.
  const units = new Map<string, UnitRecord[]>();
  const claimsById = new Map<string, ClaimText>();
  // Rows and columns of raw scores are only needed when the two-way percentile takes part in the score.
  const needRanks = opt.coverageWeight < 1;
  const columns = needRanks ? workRecords.map(() => new SortedColumn()) : [];
  const scratch = new Float64Array(nWorks);

  /** Raw BM25 scores of a query against every work (inverted-index pass): works with a non-zero score. */
  const scoreRow = (query: SparseVector): { works: number[]; values: Float64Array } => {
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

  const makeUnit = (claim: ClaimText, group: number): { unit: UnitRecord; works: number[]; values: Float64Array } => {
    const queryMap = (group < 0 ? buildQueries.get(claim) : undefined) ?? queryOf(claim, group, opt, (s) => vocabulary.get(s));
    const query = sparseFromMap(queryMap);
    const { works: touched, values } = needRanks ? scoreRow(query) : { works: [], values: new Float64Array(0) };
    const unit: UnitRecord = {
      claim,
      workIds: group >= 0 ? (claim.citations?.[group].workIds ?? []) : claim.citedWorkIds,
      query,
      row: sketchOf(Float64Array.from(values)),
      ideal: [...queryMap].reduce((sum, [id, q]) => sum + q * idfOf(id), 0),
      lsa: foldIn ? foldIn(sparseFromMap(idfWeighted(queryMap, idfOf), true)) : null,
      lsaNorm: 0,
    };
    if (unit.lsa) unit.lsaNorm = squaredNorm(unit.lsa);
    return { unit, works: touched, values };
  };
  // Columns (a work's scores over all citing sentences) hold every claim of a manuscript with up to
  // COLUMN_SAMPLE claims, else an evenly spaced sample of them chosen at build time: ranks among a few hundred
  // sentences are as informative, and building stays fast for reviews with a thousand citations.
  const sampleEvery = Math.max(1, Math.ceil(claims.length / COLUMN_SAMPLE));
  const inColumns = new Set(claims.filter((_, i) => i % sampleEvery === 0).map((c) => c.id));
  let columnUnits = 0;

  const addClaim = (claim: ClaimText, bulk = false): void => {
    const groups = claim.citations && claim.citations.length > 1 ? claim.citations.map((_, g) => g) : [-1];
    const list: UnitRecord[] = [];
    const sampled = inColumns.has(claim.id);
    for (const g of groups) {
      const { unit, works: ws, values } = makeUnit(claim, g);
      // While building, append and sort each column once at the end; edits keep columns sorted.
      if (sampled) {
        for (let i = 0; i < ws.length; i++) {
          if (bulk) columns[ws[i]].push(values[i]);
          else columns[ws[i]].insert(values[i]);
        }
        columnUnits++;
      }
      list.push(unit);
    }
    units.set(claim.id, list);
    claimsById.set(claim.id, claim);
    indexParagraph(claim, true);
    claimInfo(claim); // tokenised now, while building, rather than on the first score

  };
  const removeClaim = (claimId: string): void => {
    const old = units.get(claimId);
    if (!old) return;
    if (needRanks && inColumns.has(claimId)) {
      for (const u of old) {
        // Recomputing the old row is as cheap as storing it, and keeps memory per claim small.
        const { works: ws, values } = scoreRow(u.query);
        for (let i = 0; i < ws.length; i++) columns[ws[i]].remove(values[i]);
        columnUnits--;
      }
    }
    units.delete(claimId);
    indexParagraph(old[0].claim, false);
    claimsById.delete(claimId);
    claimCache.delete(claimId);
    wholeUnits.delete(claimId);
  };

  // Paragraph id → claims in it, for co-citation.
  const paragraphs = new Map<string, Set<string>>();
  // Paragraph id → how many of its sentences cite each work; dropped when a sentence of it changes.
  const paragraphCounts = new Map<string, Map<string, number>>();
  const indexParagraph = (claim: ClaimText, add: boolean): void => {
    paragraphCounts.delete(claim.paragraphId ?? `\u0000${claim.id}`);
    if (claim.paragraphId === undefined) return;
    let set = paragraphs.get(claim.paragraphId);
    if (!set) paragraphs.set(claim.paragraphId, (set = new Set()));
    if (add) set.add(claim.id);
    else set.delete(claim.id);
  };
  // Per-claim data only explanations need (terms, concepts), computed on first use.
  interface ClaimInfo {
    own: Term[];
    concepts: Set<string>;
    about?: string[];
  }
  const claimCache = new Map<string, ClaimInfo>();
  const claimInfo = (claim: ClaimText): ClaimInfo => {
    let info = claimCache.get(claim.id);
    if (!info) {
      info = {
        own: terms(claim.text),
        concepts: new Set(opt.conceptsOf ? opt.conceptsOf(claim.text) : []),
      };
      claimCache.set(claim.id, info);
    }
    return info;
  };
  const claimAbout = (claim: ClaimText): string[] => {
    const info = claimInfo(claim);
    return (info.about ??= salientPhrases(claim.text, topicality, 3));
  };
  const workAbout = (work: WorkRecord): string[] =>
    (work.about ??= salientPhrases(workDescription(work.text), topicality, 3));
  // The last claim with an id wins, as if each had been passed to updateClaim in turn.
  let added = 0;
  for (const claim of new Map(claims.map((c) => [c.id, c])).values()) {
    if (++added % STEP === 0) yield;
    addClaim(claim, true);
  }
  buildQueries.clear(); // an edited claim (updateClaim) is tokenised again
  for (const column of columns) column.sort();

  // Multi-group sentences judge works cited in none of their groups against the whole sentence.
  const wholeUnits = new Map<string, UnitRecord>();
  const wholeSentence = (claim: ClaimText): UnitRecord => {
    let unit = wholeUnits.get(claim.id);
    if (!unit) wholeUnits.set(claim.id, (unit = makeUnit(claim, -1).unit));
    return unit;
  };

  /** The unit a work is judged in: the replaced work's citation group, else its own, else the sentence. */
  const unitFor = (claimId: string, workId: string, replacing: string | undefined): UnitRecord | undefined => {
    const list = units.get(claimId);
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    return (
      (replacing !== undefined ? list.find((u) => u.workIds.includes(replacing)) : undefined) ??
      list.find((u) => u.workIds.includes(workId)) ??
      wholeSentence(list[0].claim)
    );
  };

  // Word overlap, not LSA: measured, LSA similarity between works makes co-citation much weaker (0.894).
  const workSimilarity = (a: number, b: number): number =>
    mergeDot(workTerms, workUnit, workStart[a], workStart[a + 1], workTerms, workUnit, workStart[b], workStart[b + 1]);

  /** Works cited with the claim's sentence in its paragraph, minus the scored and the replaced work. */
  const coCited = (claim: ClaimText, workId: string, replacing: string | undefined): string[] => {
    const key = claim.paragraphId ?? `\u0000${claim.id}`;
    let counts = paragraphCounts.get(key);
    if (!counts) {
      counts = new Map<string, number>();
      const ids = claim.paragraphId === undefined ? [claim.id] : [...(paragraphs.get(claim.paragraphId) ?? [])];
      for (const id of ids) {
        const other = claimsById.get(id);
        if (other) for (const w of new Set(other.citedWorkIds)) counts.set(w, (counts.get(w) ?? 0) + 1);
      }
      paragraphCounts.set(key, counts);
    }
    const out: string[] = [];
    for (const [w, n] of counts) {
      // The replaced work leaves this sentence only; it stays if another sentence of the paragraph cites it.
      const left = w === replacing && claim.citedWorkIds.includes(w) ? n - 1 : n;
      if (left > 0 && w !== workId) out.push(w);
    }
    return out;
  };

  const rawScore = (unit: UnitRecord, w: number): number =>
    mergeDot(unit.query.ids, unit.query.values, 0, unit.query.ids.length, workTerms, workBm25, workStart[w], workStart[w + 1]);

  /** `raw`: the unit's raw score for the work when already known (`scoreRow` gives the same sums in the same order). */
  const fit = (unit: UnitRecord, w: number, replacing: string | undefined, raw = rawScore(unit, w)): FitResult['signals'] & { score: number } => {
    const work = workRecords[w];
    let lexical = 0;
    if (raw > 0) {
      // Ranks are relative; coverage (share of the claim's rarity mass the work matches) is absolute evidence.
      const coverage = Math.min(1, raw / (unit.ideal || 1));
      if (needRanks) {
        const row = percentile(unit.row.points, unit.row.points.length, unit.row.nonZero, raw, nWorks);
        const column = columns[w];
        const relative = opt.twoWay
          ? (row + percentile(column.values, column.length, column.length, raw, columnUnits)) / 2
          : row;
        lexical = (1 - opt.coverageWeight) * relative + opt.coverageWeight * coverage;
      } else {
        lexical = coverage;
      }
    }
    let coCitation = 0;
    if (opt.coCitationWeight > 0) {
      for (const otherId of coCited(unit.claim, work.id, replacing)) {
        const o = workIndex.get(otherId);
        if (o !== undefined) coCitation = Math.max(coCitation, workSimilarity(w, o));
      }
    }
    let concepts = 0;
    if (opt.conceptsOf) {
      const claimConcepts = claimInfo(unit.claim).concepts;
      let shared = 0;
      for (const c of claimConcepts) if (work.concepts.has(c)) shared++;
      concepts = claimConcepts.size ? shared / claimConcepts.size : 0;
    }
    const lsaCos = unit.lsa && lsaK ? Math.max(0, cosineAt(unit.lsa, unit.lsaNorm, workLsa, w * lsaK, workLsaNorm[w])) : 0;
    const lsaWeight = foldIn ? (opt.lsa?.weight ?? 0) * lsaConfidence : 0;
    const score = clamp01(
      (lexical + lsaWeight * lsaCos) / (1 + lsaWeight) + opt.coCitationWeight * coCitation + opt.conceptWeight * concepts,
    );
    return { score, lexical, coCitation, concepts, lsa: lsaCos };
  };

  const sharedOf = (claim: ClaimText, w: number): string[] => {
    const seen = new Set<string>();
    const shared: { surface: string; weight: number }[] = [];
    for (const t of claimInfo(claim).own) {
      if (seen.has(t.stem) || !hasTerm(workTerms, workStart[w], workStart[w + 1], vocabulary.get(t.stem))) continue;
      seen.add(t.stem);
      shared.push({ surface: displaySurface(t.surface), weight: rarity(t.stem) });
    }
    return shared.sort((a, b) => b.weight - a.weight).map((s) => s.surface);
  };

  const unknown = (reason: FitResult['reason']): FitResult => ({
    score: 0,
    judgeable: false,
    reason,
    claimTerms: [],
    workTerms: [],
    sharedTerms: [],
    signals: { lexical: 0, coCitation: 0, concepts: 0, lsa: 0 },
  });

  // Every judgeable work sharing a term with the unit's query, scored, in index order: a flagged citation asks
  // for it twice (its suggestions, then its explanation's), so the last one is kept until a claim changes.
  let claimsVersion = 0;
  let lastCandidates: { claimId: string; unit: UnitRecord; replacing: string | undefined; version: number; list: Suggestion[] } | null = null;
  const candidatesFor = (claimId: string, unit: UnitRecord, replacing: string | undefined): Suggestion[] => {
    const last = lastCandidates;
    if (last && last.claimId === claimId && last.unit === unit && last.replacing === replacing && last.version === claimsVersion) return last.list;
    const list: Suggestion[] = [];
    // Only works sharing a term with the query can rank high; the rest have no lexical evidence.
    const { works: ws, values } = scoreRow(unit.query);
    for (let i = 0; i < ws.length; i++) {
      const work = workRecords[ws[i]];
      if (!work.judgeable) continue;
      list.push({ workId: work.id, score: fit(unit, ws[i], replacing, values[i]).score });
    }
    lastCandidates = { claimId, unit, replacing, version: claimsVersion, list };
    return list;
  };

  const model: TopicModel = {
    score(claimId, workId, options = {}) {
      const w = workIndex.get(workId);
      const unit = unitFor(claimId, workId, options.replacing);
      if (!unit) return unknown('claim-too-short');
      if (w === undefined) return unknown('work-too-short');
      const work = workRecords[w];
      const { score, ...signals } = fit(unit, w, options.replacing);
      // Nothing to judge by: no content word, or none that any work of the bibliography uses.
      const claimTooShort = unit.ideal === 0 || claimInfo(unit.claim).own.length === 0;
      // Explanation terms cost more than the score: computed when first read.
      let shared: string[] | undefined;
      const result: FitResult = {
        score,
        judgeable: work.judgeable && !claimTooShort,
        get claimTerms() {
          return claimAbout(unit.claim);
        },
        get workTerms() {
          return workAbout(work);
        },
        get sharedTerms() {
          return (shared ??= sharedOf(unit.claim, w));
        },
        signals,
      };
      if (!work.judgeable) result.reason = 'work-too-short';
      else if (claimTooShort) result.reason = 'claim-too-short';
      return result;
    },

    suggest(claimId, k = 3, exclude = [], options = {}) {
      const unit = unitFor(claimId, options.replacing ?? '', options.replacing);
      if (!unit) return [];
      const skip = new Set(exclude);
      const candidates = candidatesFor(claimId, unit, options.replacing);
      if (!(Number.isInteger(k) && k >= 1 && k <= 64)) {
        const out = candidates.filter((c) => !skip.has(c.workId));
        out.sort(bySuggestion);
        return out.slice(0, k);
      }
      // The best k in the order a full sort would give (stable: an equal later candidate stays behind).
      const best: Suggestion[] = [];
      for (const c of candidates) {
        if (skip.has(c.workId)) continue;
        if (best.length === k && bySuggestion(c, best[k - 1]) >= 0) continue;
        let at = best.length;
        while (at > 0 && bySuggestion(c, best[at - 1]) < 0) at--;
        best.splice(at, 0, { workId: c.workId, score: c.score });
        if (best.length > k) best.pop();
      }
      return best;
    },

    explain(claimId, workId, labelOf, options = {}) {
      const claim = claimsById.get(claimId);
      const w = workIndex.get(workId);
      if (!claim || w === undefined) return '';
      const result = model.score(claimId, workId, options);
      const work = workRecords[w];
      const claimTopics = claimAbout(claim).slice(0, 2);
      const workTopics = workAbout(work).slice(0, 2);
      const parts: string[] = [];
      parts.push(`Claim is about ${claimTopics.length ? claimTopics.join(', ') : 'nothing specific'}`);
      const title = work.text.title ? ` "${shortTitle(work.text.title)}"` : '';
      parts.push(`${labelOf(workId)}${title} is about ${workTopics.length ? workTopics.join(', ') : 'an unknown topic'}`);
      const shared = result.sharedTerms.slice(0, 3);
      parts.push(shared.length ? `they share only ${shared.map((t) => `"${t}"`).join(', ')}` : 'they share no topic');
      let message = `${parts.join('; ')}.`;
      const threshold = options.threshold ?? DEFAULT_THRESHOLD;
      const max = options.suggestions ?? 3;
      const better = model
        .suggest(claimId, max, [workId, ...claim.citedWorkIds], { replacing: options.replacing ?? workId })
        .filter((s) => s.score >= threshold && s.score > result.score);
      if (better.length) {
        const named = better.map((s) => {
          const t = workRecords[workIndex.get(s.workId) ?? 0].text.title;
          return `${labelOf(s.workId)}${t ? ` "${shortTitle(t)}"` : ''} (${s.score.toFixed(2)})`;
        });
        message += ` Better fits here: ${named.join(', ')}.`;
      }
      return message;
    },

    updateClaim(claim) {
      claimsVersion++;
      removeClaim(claim.id);
      addClaim(claim);
    },

    removeClaim(claimId) {
      claimsVersion++;
      removeClaim(claimId);
    },

    hasClaim: (id) => units.has(id),
    hasWork: (id) => workIndex.has(id),
  };
  return model;
}

// ---------------------------------------------------------------------------------------------

/**
 * The weighted query of a claim unit. Whole sentence (`group` -1): its words weigh 1. One citation group of
 * several: the words between the previous group and this one weigh 1, the rest of the sentence `restWeight`.
 * Neighbouring sentences weigh `contextWeight`, headings `headingWeight`.
 */
function queryOf(
  claim: ClaimText,
  group: number,
  opt: typeof DEFAULTS,
  idOf: (stem: string) => number | undefined,
): Map<number, number> {
  const query = new Map<number, number>();
  const add = (text: string, weight: number): void => {
    if (weight <= 0) return;
    for (const t of terms(opt.abbreviations ? expandAbbreviations(text, opt.abbreviations) : text)) {
      const id = idOf(t.stem);
      if (id !== undefined) query.set(id, (query.get(id) ?? 0) + weight);
    }
  };
  const groups = claim.citations ?? [];
  if (group < 0 || group >= groups.length) {
    add(claim.text, 1);
  } else {
    const from = group > 0 ? groups[group - 1].offset : 0;
    const to = groups[group].offset;
    add(claim.text.slice(from, to), 1);
    add(claim.text.slice(0, from), opt.restWeight);
    add(claim.text.slice(to), opt.restWeight);
  }
  add(claim.context ?? '', opt.contextWeight);
  add(claim.headingPath.join('. '), opt.headingWeight);
  return query;
}

function keywordText(keywords: WorkText['keywords']): string {
  return Array.isArray(keywords) ? keywords.join('; ') : (keywords ?? '');
}

function workFullText(work: WorkText): string {
  return [work.title, work.abstract, keywordText(work.keywords)].filter(Boolean).join('. ');
}

/** What the explanation names a work's topic from: its keywords and title, else its abstract. */
function workDescription(work: WorkText): string {
  const head = [keywordText(work.keywords), work.title ?? ''].filter(Boolean).join('. ');
  return head.trim() ? head : (work.abstract ?? '');
}

/** A title cut to about 50 characters at a word boundary, with an ellipsis. */
export function shortTitle(title: string, max = 50): string {
  const clean = title.replace(/[{}]/g, '').replace(/\s+/g, ' ').trim().replace(/[.:]$/, '');
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

function displaySurface(word: string): string {
  return word.replace(/[^\p{Lu}]/gu, '').length >= 2 ? word : word.toLowerCase();
}







/** The concepts of every work when no taxonomy is given (one shared empty set, not one per work). */
const NO_CONCEPTS: ReadonlySet<string> = new Set();

/** True when `ids[from … to)` (ascending) holds term `id`: binary search. */
function hasTerm(ids: Int32Array, from: number, to: number, id: number | undefined): boolean {
  if (id === undefined) return false;
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid];
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Best first; equal scores by work id. */
function bySuggestion(a: Suggestion, b: Suggestion): number {
  return b.score - a.score || a.workId.localeCompare(b.workId);
}

function squaredNorm(a: Float64Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i] * a[i];
  return n;
}

/** Cosine of `a` and `b[offset … offset + a.length)` given their squared norms. */
function cosineAt(a: Float64Array, na: number, b: Float64Array, offset: number, nb: number): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[offset + i];
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}


function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
