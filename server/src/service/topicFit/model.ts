/**
 * The topic-fit model: how well a cited work fits the claim that cites it, learnt from the manuscript's own
 * bibliography and citing sentences (plus optional taxonomy concepts). No network, no model files.
 *
 * This module assembles the model from its parts, each in its own module:
 * - the topic space (space.ts: vocabulary, BM25/TF-IDF vectors, inverted index, latent space via lsa.ts),
 * - the works (workRecords.ts) and the claim index (claimIndex.ts: per-citation-group queries, paragraphs),
 * - scoring (scoring.ts: coverage + LSA cosine + co-citation + citing profile [+ concepts]; docs/topic-fit.md
 *   has the numbers),
 * - explanation (explanation.ts: the English message of a poor fit).
 * How often a work is cited is deliberately NOT a signal (see docs/topic-fit.md).
 *
 * Per work, term and LSA vectors are precomputed; a claim is a sparse query plus an LSA vector, so `score` is
 * a sparse dot product, a short dense one and a few co-citation and citing-sentence cosines, and `updateClaim`
 * re-folds one claim.
 */
import type { SliceOptions } from '../bibtex/locator';
import { evidenceOf, nameInClaim, type Evidence } from './calibration';
import { ClaimIndex } from './claimIndex';
import { Explainer, poorFitMessage } from './explanation';
import { DEFAULTS, type ModelSettings, type TopicModelOptions } from './options';
import { bestSuggestions, Scorer, type Suggestion } from './scoring';
import { runSteps, runStepsInSlices, type Steps } from '../slices';
import { rowScorer, spaceIndexSteps, STEP, topicSpaceSteps, type TopicSpace } from './space';
import { sharedVocabulary, titleWrittenApart, writtenApart } from './sharedVocabulary';
import { StemMemo, terms, type StemFn } from './terms';
import { uniqueWorks, type ClaimText, type WorkText } from './texts';
import { DEFAULT_THRESHOLD } from './threshold';
import { workRecordsSteps, type WorkRecord, type WorkRecords } from './workRecords';

/** A better fit must score at least this much more than the cited work. */
const CLEARLY_BETTER = 0.2;

/**
 * A better fit must be specific to the claim: at most this share of the manuscript's other citing sentences (and
 * at least SPECIFIC_MIN of them) may fit it better than this one, by words and latent space. A broad work fits
 * many sentences somewhat and none best ("Concrete Problems in AI Safety" was offered for four unrelated claims
 * of the example).
 */
const SPECIFIC_SHARE = 0.1;
const SPECIFIC_MIN = 3;

/** A claim with fewer distinct content words known to the bibliography is too short to judge. */
const MIN_CLAIM_WORDS = 3;

/** The fit of one work with one claim. */
export interface FitResult {
  /** In [0, 1]; higher fits better. */
  score: number;
  /** False when there is too little text to judge (see `reason`): no diagnostic should be raised. */
  judgeable: boolean;
  /**
   * `work-too-short`: no title, or a title of ≤ 3 content words and nothing else. `claim-too-short`: the claim has
   * no content word that any work uses. `written-apart`: the manuscript's sentences and its works share almost no
   * word (written in different languages; see sharedVocabulary.ts). `title-written-apart`: a title-only work in
   * another language than the other works.
   */
  reason?: 'work-too-short' | 'claim-too-short' | 'written-apart' | 'title-written-apart';
  /** Salient words of the claim, as written, most salient first. */
  claimTerms: string[];
  /** Salient words of the work, as written, most salient first. */
  workTerms: string[];
  /** Words the claim and work share (surface form from the claim), strongest first. */
  sharedTerms: string[];
  /** The signals the score was combined from, for hovers and debugging. */
  signals: { lexical: number; coCitation: number; concepts: number; lsa: number; citing: number };
  /** What the work's text gives to judge by: an abstract (or keywords), or only a title. */
  evidence: Evidence;
  /** The work's score against the claim's whole paragraph (the claim's own score when it has no paragraph). */
  paragraphScore: number;
  /** Another sentence of the paragraph cites the work too. */
  citedElsewhereInParagraph: boolean;
  /** A name in the sentence that points at the work: its first author, or a distinctive name from its text. */
  namedInClaim: string | undefined;
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
  /**
   * Works that fit the claim clearly better than `workId` (by {@link CLEARLY_BETTER}, and at least the threshold)
   * and specifically: a broad work that fits many sentences of the manuscript nearly as well ("Concrete Problems
   * in AI Safety") is not offered (see `specificTo`). Best first, at most `k`.
   */
  betterFits(claimId: string, workId: string, k?: number, options?: ExplainOptions): Suggestion[];
  /** Adds a claim or replaces the claim with the same id (an edited sentence); rescoring is then cheap. */
  updateClaim(claim: ClaimText): void;
  /** Forgets a claim (a sentence that no longer exists), so an editing session does not accumulate them. */
  removeClaim(claimId: string): void;
  hasClaim(claimId: string): boolean;
  hasWork(workId: string): boolean;
  /**
   * A key of what the citing-sentence profile reads for the work (the texts of the sentences citing it): a kept
   * fit with the work is valid while its key is the same (see `ClaimIndex.citersKey`).
   */
  citersKey(workId: string): string;
}

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
  return runStepsInSlices(modelSteps(space, unique, claims, { ...DEFAULTS, ...options }, new Map(), new StemMemo().stem), slices);
}

function* topicModelSteps(
  works: readonly WorkText[],
  claims: readonly ClaimText[],
  options: TopicModelOptions,
): Steps<TopicModel> {
  const opt = { ...DEFAULTS, ...options };
  const unique = uniqueWorks(works);
  const stem = new StemMemo().stem;
  const { space, queries } = yield* topicSpaceSteps(unique, claims, opt, stem);
  return yield* modelSteps(space, unique, claims, opt, queries, stem);
}

/**
 * The model of a learnt space: the works' records, then the claims' units (see space.ts). `buildQueries`: the
 * whole-sentence queries the space was learnt with, when it was learnt on this thread.
 */
function* modelSteps(
  space: TopicSpace,
  works: readonly WorkText[],
  claims: readonly ClaimText[],
  opt: ModelSettings,
  buildQueries: Map<ClaimText, Map<number, number>>,
  stem: StemFn,
): Steps<TopicModel> {
  const index = yield* spaceIndexSteps(space);
  const workRecords = yield* workRecordsSteps(space, works, opt);
  const scoreRow = rowScorer(space);
  const lexical = opt.variant?.lexical?.({ nWorks: space.nWorks, claims, scoreRow });
  const claimIndex = new ClaimIndex(index, opt, stem, buildQueries, lexical);
  // The last claim with an id wins, as if each had been passed to updateClaim in turn.
  let added = 0;
  for (const claim of new Map(claims.map((c) => [c.id, c])).values()) {
    if (++added % STEP === 0) yield;
    claimIndex.add(claim, true);
  }
  claimIndex.built();
  const scorer = new Scorer(index, workRecords, claimIndex, opt, scoreRow, lexical);
  // Sentences in one language, works in another: nothing can be judged (sharedVocabulary.ts). Measured on the
  // sentences the model is built with: a language does not change as the author types.
  const apart = writtenApart(sharedVocabulary((function* () {
    for (const claim of claimIndex.all()) yield claimIndex.info(claim).own;
  })(), (s) => index.vocabulary.has(s)));
  const explainer = new Explainer(index, claimIndex, stem);
  // A title-only work in another language than the others (sharedVocabulary.ts), decided on first need.
  const titleApart = (work: WorkRecord): boolean =>
    (work.titleApart ??= titleWrittenApart(work.text.title ?? '', terms(work.text.title ?? '', stem).map((t) => t.surface.toLowerCase()), (w) => explainer.worksUsing(w)));
  return assembleModel(workRecords, claimIndex, scorer, explainer, { apart, titleApart });
}

/** The {@link TopicModel} interface over its parts. */
function assembleModel(
  works: WorkRecords,
  claims: ClaimIndex,
  scorer: Scorer,
  explainer: Explainer,
  languages: { apart: boolean; titleApart: (work: WorkRecord) => boolean },
): TopicModel {
  const { records: workRecords, byId: workIndex } = works;
  const worksUsing = (word: string): number => explainer.worksUsing(word);

  /** Whether suggestion `s` is specific to the claim, not generic (see SPECIFIC_SHARE). */
  const specificTo = (s: Suggestion, claim: ClaimText): boolean => {
    const w = workIndex.get(s.workId);
    const here = claims.unitFor(claim.id, s.workId, undefined);
    if (w === undefined || !here) return false;
    // Against the sentences the model was built with (a baseline fixed per model, see ClaimIndex.baseline).
    const { better, others } = scorer.othersFittingBetter(claim, w, scorer.content(here, w));
    return better <= Math.max(SPECIFIC_MIN, SPECIFIC_SHARE * others);
  };
  const unknown = (reason: FitResult['reason']): FitResult => ({
    score: 0,
    judgeable: false,
    reason,
    claimTerms: [],
    workTerms: [],
    sharedTerms: [],
    signals: { lexical: 0, coCitation: 0, concepts: 0, lsa: 0, citing: 0 },
    evidence: 'title',
    paragraphScore: 0,
    citedElsewhereInParagraph: false,
    namedInClaim: undefined,
  });

  const model: TopicModel = {
    score(claimId, workId, options = {}) {
      const w = workIndex.get(workId);
      const unit = claims.unitFor(claimId, workId, options.replacing);
      if (!unit) return unknown('claim-too-short');
      if (w === undefined) return unknown('work-too-short');
      const work = workRecords[w];
      const { score, ...signals } = scorer.signals(unit, w, options.replacing);
      // Too little to judge by: no content word that any work uses, or fewer than MIN_CLAIM_WORDS content words
      // ("[**] Annotation for BPNet", "The details are available in [@x]" point at a work, they claim no topic).
      const claimTooShort = unit.ideal === 0 || claims.info(unit.claim).distinct < MIN_CLAIM_WORDS;
      // Explanation terms cost more than the score: computed when first read.
      let shared: string[] | undefined;
      let paragraphScore: number | undefined;
      let named: { name: string | undefined } | undefined;
      const result: FitResult = {
        score,
        judgeable: work.judgeable && !claimTooShort,
        evidence: (work.evidence ??= evidenceOf(work.text)),
        // The second opinion and the names cost more than the score: computed when first read (on a low score).
        get paragraphScore() {
          if (paragraphScore === undefined) {
            const paragraph = claims.paragraphUnit(unit.claim);
            paragraphScore = paragraph ? scorer.signals(paragraph, w, options.replacing).score : score;
          }
          return paragraphScore;
        },
        get citedElsewhereInParagraph() {
          return claims.citedElsewhereInParagraph(unit.claim, workId);
        },
        get namedInClaim() {
          return (named ??= { name: nameInClaim(unit.claim.text, work.text, worksUsing) }).name;
        },
        get claimTerms() {
          return explainer.claimAbout(unit.claim);
        },
        get workTerms() {
          return explainer.workAbout(work);
        },
        get sharedTerms() {
          return (shared ??= explainer.sharedTerms(unit.claim, w));
        },
        signals,
      };
      if (languages.apart) {
        result.judgeable = false;
        result.reason = 'written-apart';
      } else if (!work.judgeable) result.reason = 'work-too-short';
      else if (claimTooShort) result.reason = 'claim-too-short';
      else if (result.evidence === 'title' && languages.titleApart(work)) {
        result.judgeable = false;
        result.reason = 'title-written-apart';
      }
      return result;
    },

    suggest(claimId, k = 3, exclude = [], options = {}) {
      const unit = claims.unitFor(claimId, options.replacing ?? '', options.replacing);
      if (!unit) return [];
      return bestSuggestions(scorer.candidates(claimId, unit, options.replacing), k, new Set(exclude));
    },

    betterFits(claimId, workId, k = 3, options = {}) {
      const claim = claims.claim(claimId);
      if (!claim) return [];
      const own = model.score(claimId, workId, options).score;
      const floor = Math.max(options.threshold ?? DEFAULT_THRESHOLD, own + CLEARLY_BETTER);
      const out: Suggestion[] = [];
      for (const s of model.suggest(claimId, 3 * k, [workId, ...claim.citedWorkIds], { replacing: options.replacing ?? workId })) {
        if (out.length >= k || s.score < floor) break;
        if (specificTo(s, claim)) out.push(s);
      }
      return out;
    },

    explain(claimId, workId, labelOf, options = {}) {
      const claim = claims.claim(claimId);
      const w = workIndex.get(workId);
      if (!claim || w === undefined) return '';
      const work = workRecords[w];
      const better = model.betterFits(claimId, workId, 1, options)[0];
      return poorFitMessage(
        labelOf(workId),
        explainer.clauseAbout(claim, workId).slice(0, 2),
        explainer.workAbout(work).slice(0, 2),
        (work.evidence ??= evidenceOf(work.text)),
        better ? labelOf(better.workId) : undefined,
      );
    },

    updateClaim(claim) {
      scorer.claimsChanged();
      claims.remove(claim.id);
      claims.add(claim);
    },

    removeClaim(claimId) {
      scorer.claimsChanged();
      claims.remove(claimId);
    },

    hasClaim: (id) => claims.has(id),
    hasWork: (id) => workIndex.has(id),
    citersKey: (id) => claims.citersKey(id),
  };
  return model;
}
