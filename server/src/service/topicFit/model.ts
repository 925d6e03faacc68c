/**
 * The topic-fit model: how well a cited work fits the claim that cites it, from words alone (plus optional
 * taxonomy concepts), learnt from the manuscript's own bibliography and citing sentences.
 *
 * Signals, as measured in `docs/topic-fit.md` (`npm run eval`):
 * 1. BM25 (k1 1.2, b 0.75) of the claim against each work's title (counted twice), abstract, keywords and
 *    venue; Porter stems, stop words removed; the previous/next sentences and heading path join the query with
 *    a small weight.
 * 2. Two-way percentile: the work's rank among all works for this claim, averaged with this claim's rank
 *    among all citing sentences for the work. Raw BM25 is not comparable across claims (long claims score
 *    higher); ranks are, and the second rank discounts works that match everything.
 * 3. Co-citation: a work that resembles the other works cited in the same paragraph probably belongs there.
 * 4. Optional: shared taxonomy concepts (`conceptsOf`), and a latent semantic space (LSA) of the bibliography.
 *
 * How often a work is cited is deliberately NOT a signal (see docs/topic-fit.md).
 *
 * Everything per work is precomputed; a claim's scores against all works are computed once (an inverted-index
 * pass) and kept sparse and sorted, so `score` is a few binary searches and `updateClaim` is cheap.
 */
import { buildLsa, type LsaSpace } from './lsa';
import { salientPhrases } from './phrases';
import { sparseDot, sparseFromMap, type SparseVector } from './sparse';
import { terms, type Term } from './terms';
import { DEFAULT_THRESHOLD } from './threshold';

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
  /** Weight of the previous/next sentence words in the query. Default 0.2. */
  contextWeight?: number;
  /** Weight of heading-path words in the query. Default 0.2. */
  headingWeight?: number;
  /** Use the two-way percentile (else the row percentile alone). Default true. */
  twoWay?: boolean;
  /** Weight of the best similarity to the works co-cited in the paragraph. Default 0.5. */
  coCitationWeight?: number;
  /** Weight of the rest of the sentence when a sentence has several citation groups. Default 0.2. */
  restWeight?: number;
  /**
   * Share of the lexical signal taken by coverage (the part of the claim's rarity mass the work matches),
   * the rest being the two-way percentile. Default 0.5.
   */
  coverageWeight?: number;
  /**
   * Latent semantic space (LSA): dimensions and weight of its claim–work cosine relative to the lexical
   * signal; `undefined` or weight 0 = off. Default `{ dimensions: 30, weight: 1 }`.
   */
  lsa?: { dimensions: number; weight: number; seed?: number };
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
  /** Suggest better fits scoring at least this (and more than the explained work). Default 0.5. */
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
  hasClaim(claimId: string): boolean;
  hasWork(workId: string): boolean;
}

// ---------------------------------------------------------------------------------------------

interface WorkRecord {
  id: string;
  text: WorkText;
  /** Unit-length TF-IDF term vector, for work–work cosine and LSA. */
  unit: SparseVector;
  /** Surface form per stem as the work writes it. */
  surfaces: Map<string, string>;
  judgeable: boolean;
  concepts: Set<string>;
  lsa: Float64Array | null;
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
  /** Sparse row of raw BM25 scores: work indices ascending, values. */
  rowIdx: Int32Array;
  rowVal: Float64Array;
  /** Non-zero row values ascending, for the row percentile. */
  rowSorted: Float64Array;
  /** Σ query weight × IDF: the score of a work holding every query term once, for coverage. */
  ideal: number;
  lsa: Float64Array | null;
}

const DEFAULTS = {
  k1: 1.2,
  b: 0.75,
  titleWeight: 2,
  venueWeight: 0,
  contextWeight: 0.2,
  headingWeight: 0.2,
  twoWay: true,
  coCitationWeight: 0.5,
  conceptWeight: 0.3,
  restWeight: 0.2,
  coverageWeight: 0.5,
  lsa: { dimensions: 30, weight: 1 } as TopicModelOptions['lsa'],
};

/** Title content words at or below which a title-only work is too short to judge. */
const MIN_TITLE_TERMS = 3;

/**
 * Builds the topic model of one manuscript: its bibliography (`works`) and its citing sentences (`claims`).
 *
 * @example
 * const model = buildTopicModel(works, claims);
 * const fit = model.score('claim-12', 'goodfellow2014');
 * if (fit.judgeable && fit.score < 0.5) message = model.explain('claim-12', 'goodfellow2014', (id) => `@${id}`);
 */
export function buildTopicModel(
  works: readonly WorkText[],
  claims: readonly ClaimText[],
  options: TopicModelOptions = {},
): TopicModel {
  const opt = { ...DEFAULTS, ...options };
  const vocabulary = new Map<string, number>();
  const idOf = (s: string): number => {
    let id = vocabulary.get(s);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(s, id);
    }
    return id;
  };

  // --- Works: weighted term frequencies, then BM25 weights.
  const tfs: Map<number, number>[] = [];
  const lengths: number[] = [];
  const surfaceLists: Map<string, string>[] = [];
  const judgeable: boolean[] = [];
  for (const work of works) {
    const tf = new Map<number, number>();
    const surfaces = new Map<string, string>();
    let length = 0;
    const add = (list: Term[], weight: number): void => {
      for (const t of list) {
        const id = idOf(t.stem);
        tf.set(id, (tf.get(id) ?? 0) + weight);
        length += weight;
        if (!surfaces.has(t.stem)) surfaces.set(t.stem, t.surface);
      }
    };
    const title = terms(work.title ?? '');
    const abstract = terms(work.abstract ?? '');
    const keywords = terms(keywordText(work.keywords));
    add(title, opt.titleWeight);
    add(abstract, 1);
    add(keywords, 1);
    add(terms(work.venue ?? ''), opt.venueWeight);
    tfs.push(tf);
    lengths.push(length);
    surfaceLists.push(surfaces);
    judgeable.push(title.length > MIN_TITLE_TERMS || (title.length > 0 && abstract.length + keywords.length > 0));
  }
  const nWorks = works.length;
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, nWorks) || 1;
  const df = new Map<number, number>();
  for (const tf of tfs) for (const id of tf.keys()) df.set(id, (df.get(id) ?? 0) + 1);
  const idfOf = (id: number | undefined): number => {
    const d = id === undefined ? 0 : (df.get(id) ?? 0);
    return Math.log(1 + (nWorks - d + 0.5) / (d + 0.5));
  };
  const rarity = (stem: string): number => idfOf(vocabulary.get(stem));
  // For naming topics: words no work uses are often plain verbs ("dominate"); rank them below rare shared ones.
  const topicality = (stem: string): number => 
    df.get(vocabulary.get(stem) ?? -1) ? rarity(stem) : 0.75 * Math.log(1 + (nWorks - 0.5) / 1.5);
  const idfWeighted = (query: Map<number, number>): Map<number, number> =>
    new Map([...query].map(([id, q]) => [id, q * idfOf(id)]));

  // Inverted index: per term id, the works holding it and their BM25 weights (typed arrays once built).
  const postingLists = new Map<number, { works: number[]; weights: number[] }>();
  const workRecords: WorkRecord[] = works.map((work, w) => {
    const tf = tfs[w];
    const tfidf = new Map<number, number>();
    for (const [id, f] of tf) {
      const idf = idfOf(id);
      const weight = (idf * f * (opt.k1 + 1)) / (f + opt.k1 * (1 - opt.b + (opt.b * lengths[w]) / avgLength));
      let list = postingLists.get(id);
      if (!list) postingLists.set(id, (list = { works: [], weights: [] }));
      list.works.push(w);
      list.weights.push(weight);
      tfidf.set(id, Math.sqrt(f) * idf);
    }
    return {
      id: work.id,
      text: work,
      unit: sparseFromMap(tfidf, true),
      surfaces: surfaceLists[w],
      judgeable: judgeable[w],
      concepts: new Set(opt.conceptsOf ? opt.conceptsOf(workFullText(work)) : []),
      lsa: null,
    };
  });
  const postings = new Map<number, { works: Int32Array; weights: Float64Array }>();
  for (const [id, list] of postingLists) {
    postings.set(id, { works: Int32Array.from(list.works), weights: Float64Array.from(list.weights) });
  }
  const workIndex = new Map<string, number>();
  workRecords.forEach((r, i) => workIndex.set(r.id, i));

  const lsa: LsaSpace | null =
    opt.lsa && opt.lsa.weight > 0
      ? buildLsa(
          workRecords.map((r) => r.unit),
          claims.map((c) => sparseFromMap(idfWeighted(queryOf(c, -1, opt, (s) => vocabulary.get(s))), true)),
          vocabulary.size,
          opt.lsa.dimensions,
          opt.lsa.seed ?? 1,
        )
      : null;
  if (lsa) workRecords.forEach((r, i) => (r.lsa = lsa.works[i]));

    // --- Claims → units. A sentence citing several groups ("… genetic medicine [A], radiology [B] …") has one
  // unit per group whose query stresses the words leading up to that group; otherwise one unit per sentence.
  // Each unit keeps a sparse row of raw BM25 scores; columns hold every unit's score per work.
  const units = new Map<string, UnitRecord[]>();
  const claimsById = new Map<string, ClaimText>();
  const columns: number[][] = workRecords.map(() => []);
  let unitCount = 0;
  const scratch = new Float64Array(nWorks);

  const makeUnit = (claim: ClaimText, group: number): UnitRecord => {
    const query = queryOf(claim, group, opt, (s) => vocabulary.get(s));
    const touched: number[] = [];
    for (const [id, q] of query) {
      const list = postings.get(id);
      if (!list) continue;
      const { works: ws, weights } = list;
      for (let i = 0; i < ws.length; i++) {
        const w = ws[i];
        if (scratch[w] === 0) touched.push(w);
        scratch[w] += q * weights[i];
      }
    }
    // Sorting a dense row costs more than scanning it.
    if (touched.length > nWorks / 16) {
      touched.length = 0;
      for (let w = 0; w < nWorks; w++) if (scratch[w] !== 0) touched.push(w);
    } else {
      touched.sort((a, b) => a - b);
    }
    const rowIdx = Int32Array.from(touched);
    const rowVal = Float64Array.from(touched, (w) => scratch[w]);
    for (const w of touched) scratch[w] = 0;
    return {
      claim,
      workIds: group >= 0 ? (claim.citations?.[group].workIds ?? []) : claim.citedWorkIds,
      rowIdx,
      rowVal,
      rowSorted: Float64Array.from(rowVal).sort(),
      ideal: [...query].reduce((sum, [id, q]) => sum + q * idfOf(id), 0),
      lsa: lsa ? lsa.foldIn(sparseFromMap(idfWeighted(query), true)) : null,
    };
  };
  const addClaim = (claim: ClaimText, bulk = false): void => {
    const groups = claim.citations && claim.citations.length > 1 ? claim.citations.map((_, g) => g) : [-1];
    const list = groups.map((g) => makeUnit(claim, g));
    for (const u of list) {
      for (let i = 0; i < u.rowIdx.length; i++) {
        // While building, append and sort each column once at the end; edits keep columns sorted.
        if (bulk) columns[u.rowIdx[i]].push(u.rowVal[i]);
        else insertSorted(columns[u.rowIdx[i]], u.rowVal[i]);
      }
    }
    units.set(claim.id, list);
    claimsById.set(claim.id, claim);
    unitCount += list.length;
    indexParagraph(claim, true);
  };
  const removeClaim = (claimId: string): void => {
    const old = units.get(claimId);
    if (!old) return;
    for (const u of old) {
      for (let i = 0; i < u.rowIdx.length; i++) removeSorted(columns[u.rowIdx[i]], u.rowVal[i]);
    }
    units.delete(claimId);
    unitCount -= old.length;
    indexParagraph(old[0].claim, false);
    claimsById.delete(claimId);
    claimCache.delete(claimId);
  };

  // Paragraph id → claims in it, for co-citation.
  const paragraphs = new Map<string, Set<string>>();
  const indexParagraph = (claim: ClaimText, add: boolean): void => {
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
    about: string[];
  }
  const claimCache = new Map<string, ClaimInfo>();
  const claimInfo = (claim: ClaimText): ClaimInfo => {
    let info = claimCache.get(claim.id);
    if (!info) {
      info = {
        own: terms(claim.text),
        concepts: new Set(opt.conceptsOf ? opt.conceptsOf(claim.text) : []),
        about: salientPhrases(claim.text, topicality, 3),
      };
      claimCache.set(claim.id, info);
    }
    return info;
  };
  const workAbout = (work: WorkRecord): string[] =>
    (work.about ??= salientPhrases(workDescription(work.text), topicality, 3));
  // The last claim with an id wins, as if each had been passed to updateClaim in turn.
  for (const claim of new Map(claims.map((c) => [c.id, c])).values()) addClaim(claim, true);
  for (const column of columns) column.sort((a, b) => a - b);

  /** The unit a work is judged in: the replaced work's citation group, else its own, else the sentence. */
  const unitFor = (claimId: string, workId: string, replacing: string | undefined): UnitRecord | undefined => {
    const list = units.get(claimId);
    if (!list) return undefined;
    if (list.length === 1) return list[0];
    return (
      (replacing !== undefined ? list.find((u) => u.workIds.includes(replacing)) : undefined) ??
      list.find((u) => u.workIds.includes(workId)) ??
      makeUnit(list[0].claim, -1)
    );
  };

  const workSimilarity = (a: WorkRecord, b: WorkRecord): number => sparseDot(a.unit, b.unit);

  /** Works cited with the claim's sentence in its paragraph, minus the scored and the replaced work. */
  const coCited = (claim: ClaimText, workId: string, replacing: string | undefined): string[] => {
    const counts = new Map<string, number>();
    const ids = claim.paragraphId === undefined ? [claim.id] : [...(paragraphs.get(claim.paragraphId) ?? [])];
    for (const id of ids) {
      const other = claimsById.get(id);
      if (other) for (const w of new Set(other.citedWorkIds)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    // The replaced work leaves this sentence only; it stays if another sentence of the paragraph cites it.
    if (replacing !== undefined && claim.citedWorkIds.includes(replacing)) {
      counts.set(replacing, (counts.get(replacing) ?? 1) - 1);
    }
    return [...counts].filter(([w, n]) => n > 0 && w !== workId).map(([w]) => w);
  };

  const rawScore = (unit: UnitRecord, w: number): number => {
    const i = binarySearch(unit.rowIdx, w);
    return i < 0 ? 0 : unit.rowVal[i];
  };

  const fit = (unit: UnitRecord, w: number, replacing: string | undefined): FitResult['signals'] & { score: number } => {
    const work = workRecords[w];
    const raw = rawScore(unit, w);
    let lexical = 0;
    if (raw > 0) {
      const row = percentile(unit.rowSorted, raw, nWorks);
      const relative = opt.twoWay ? (row + percentile(columns[w], raw, unitCount)) / 2 : row;
      // Ranks are relative; coverage (share of the claim's rarity mass the work matches) is absolute evidence.
      lexical = (1 - opt.coverageWeight) * relative + opt.coverageWeight * Math.min(1, raw / (unit.ideal || 1));
    }
    let coCitation = 0;
    if (opt.coCitationWeight > 0) {
      for (const otherId of coCited(unit.claim, work.id, replacing)) {
        const o = workIndex.get(otherId);
        if (o !== undefined) coCitation = Math.max(coCitation, workSimilarity(work, workRecords[o]));
      }
    }
    let concepts = 0;
    if (opt.conceptsOf) {
      const claimConcepts = claimInfo(unit.claim).concepts;
      let shared = 0;
      for (const c of claimConcepts) if (work.concepts.has(c)) shared++;
      concepts = claimConcepts.size ? shared / claimConcepts.size : 0;
    }
    const lsaCos = unit.lsa && work.lsa ? Math.max(0, cosine(unit.lsa, work.lsa)) : 0;
    const lsaWeight = lsa ? (opt.lsa?.weight ?? 0) : 0;
    const score = clamp01(
      (lexical + lsaWeight * lsaCos) / (1 + lsaWeight) + opt.coCitationWeight * coCitation + opt.conceptWeight * concepts,
    );
    return { score, lexical, coCitation, concepts, lsa: lsaCos };
  };

  const sharedOf = (claim: ClaimText, work: WorkRecord): string[] => {
    const seen = new Set<string>();
    const shared: { surface: string; weight: number }[] = [];
    for (const t of claimInfo(claim).own) {
      if (seen.has(t.stem) || !work.surfaces.has(t.stem)) continue;
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

  const model: TopicModel = {
    score(claimId, workId, options = {}) {
      const w = workIndex.get(workId);
      const unit = unitFor(claimId, workId, options.replacing);
      if (!unit) return unknown('claim-too-short');
      if (w === undefined) return unknown('work-too-short');
      const work = workRecords[w];
      const { score, ...signals } = fit(unit, w, options.replacing);
      const claimTooShort = claimInfo(unit.claim).own.length === 0 && unit.rowIdx.length === 0;
      const result: FitResult = {
        score,
        judgeable: work.judgeable && !claimTooShort,
        claimTerms: claimInfo(unit.claim).about,
        workTerms: workAbout(work),
        sharedTerms: sharedOf(unit.claim, work),
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
      const out: Suggestion[] = [];
      // Only works sharing a term with the query can rank high; the rest have no lexical evidence.
      for (let i = 0; i < unit.rowIdx.length; i++) {
        const work = workRecords[unit.rowIdx[i]];
        if (skip.has(work.id) || !work.judgeable) continue;
        out.push({ workId: work.id, score: fit(unit, unit.rowIdx[i], options.replacing).score });
      }
      out.sort((a, b) => b.score - a.score || a.workId.localeCompare(b.workId));
      return out.slice(0, k);
    },

    explain(claimId, workId, labelOf, options = {}) {
      const claim = claimsById.get(claimId);
      const w = workIndex.get(workId);
      if (!claim || w === undefined) return '';
      const result = model.score(claimId, workId, options);
      const work = workRecords[w];
      const claimTopics = claimInfo(claim).about.slice(0, 2);
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
      removeClaim(claim.id);
      addClaim(claim);
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
    for (const t of terms(text)) {
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

/** Mid-rank percentile of `value` among `n` values of which `sorted` are the non-zero ones (ascending). */
function percentile(sorted: ArrayLike<number>, value: number, n: number): number {
  if (n <= 0) return 0;
  const lo = lowerBound(sorted, value);
  const hi = upperBound(sorted, value);
  return (n - sorted.length + lo + 0.5 * (hi - lo)) / n;
}

function lowerBound(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(a: number[], v: number): void {
  a.splice(upperBound(a, v), 0, v);
}

function removeSorted(a: number[], v: number): void {
  const i = lowerBound(a, v);
  if (i < a.length && a[i] === v) a.splice(i, 1);
}

function binarySearch(a: Int32Array, v: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] === v) return mid;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function cosine(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
