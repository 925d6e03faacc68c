/**
 * The topic model's parameters and their defaults (the shipped model), and the one seam through which the
 * evaluation tries alternatives that were measured not to help (`scripts/topicFitVariants.ts`): production
 * code carries no experiment switches, only the default path and that seam.
 */
import type { SparseVector } from './sparse';
import type { ClaimText, WorkText } from './texts';

export interface TopicModelOptions {
  /** BM25 term-frequency saturation. Default 1.2. */
  k1?: number;
  /** BM25 length normalisation. Default 0.75. */
  b?: number;
  /** How many times the title counts. Default 2. */
  titleWeight?: number;
  /**
   * Weight of co-citation: the best similarity to the works co-cited in the paragraph, minus the work's usual
   * similarity to works (scoring.ts). Default 0.5.
   */
  coCitationWeight?: number;
  /**
   * Weight of the citing-sentence profile (scoring.ts `citingProfile`): how much closer the claim is to the
   * other sentences citing the work than to its usual near neighbours among the manuscript's citing sentences;
   * negative when the work is cited elsewhere for something else, 0 when nothing else cites it. Default 0.5:
   * on the seven evaluation manuscripts' swap runs (which keep each work's citation count) it raised the pooled
   * AUC of judgeable citations from 0.901 to 0.907 and swap recall from 0.389 to 0.407 at precision 0.74, with no
   * warning on the unmodified texts; 0.8 raised one (docs/topic-fit.md).
   */
  citingWeight?: number;
  /** Weight of the rest of the sentence when a sentence has several citation groups. Default 0.2. */
  restWeight?: number;
  /**
   * Weight of the neighbouring sentences' words (`ClaimText.context`) in a claim's query. Default 0.1: on the
   * seven evaluation manuscripts it lifted the mean random-swap AUC from 0.868 to 0.897 (docs/topic-fit.md).
   */
  contextWeight?: number;
  /** Weight of the heading path's words in a claim's query. Default 0.1 (with `contextWeight`). */
  headingWeight?: number;
  /**
   * Latent semantic space (LSA): dimensions and weight of its claim–work cosine relative to the lexical
   * signal; `undefined` or weight 0 = off. Dimensions default to 1.5·√(works + claims), within 10–40.
   * Default `{ weight: 1 }`.
   */
  lsa?: { dimensions?: number; weight: number; seed?: number };
  /** Taxonomy concepts mentioned by a text (ids); used when given. */
  conceptsOf?: (text: string) => string[];
  /** Weight of the share of the claim's concepts that the work also has. Default 0.3. */
  conceptWeight?: number;
  /** An alternative measured by the evaluation (never set in production); see {@link TopicModelVariant}. */
  variant?: TopicModelVariant;
}

/** The options learning a space reads: all but the functions (`conceptsOf`, `variant`), which cannot cross to a thread. */
export type TopicSpaceOptions = Omit<TopicModelOptions, 'conceptsOf' | 'variant'>;

export const DEFAULTS = {
  k1: 1.2,
  b: 0.75,
  titleWeight: 2,
  coCitationWeight: 0.5,
  citingWeight: 0.5,
  conceptWeight: 0.3,
  restWeight: 0.2,
  contextWeight: 0.1,
  headingWeight: 0.1,
  lsa: { weight: 1 } as TopicModelOptions['lsa'],
  conceptsOf: undefined as TopicModelOptions['conceptsOf'],
  variant: undefined as TopicModelVariant | undefined,
};

/** Options with every default filled in. */
export type ModelSettings = typeof DEFAULTS;

/**
 * Replaces steps of the model to measure an alternative (the evaluation's ladder: neighbouring sentences and
 * headings in the query, venue words, abbreviation expansion, the two-way percentile). Each hook is optional;
 * without it the step is the shipped one.
 */
export interface TopicModelVariant {
  /**
   * The texts a work's terms come from: title (weighted `titleWeight`), abstract and keywords (weight 1), then
   * `extra` weighted texts. Default: the work's own fields, no extra.
   */
  workTexts?(work: WorkText): { title: string; abstract: string; keywords: string; extra?: [text: string, weight: number][] };
  /** The weighted texts of a claim's query, given the default ones (`parts`); a weight ≤ 0 is skipped. */
  queryParts?(claim: ClaimText, parts: [text: string, weight: number][]): [text: string, weight: number][];
  /**
   * The share of the manuscript's other citing sentences, most similar first, at which a claim's usual
   * near-neighbour cosine is read for the citing-sentence profile. Default 0.1.
   */
  citingRank?: number;
  /** Co-citation as the best similarity alone, not relative to the work's usual similarity (issue 15's first round). */
  absoluteCoCitation?: boolean;
  /** A lexical signal other than coverage, made once per model. */
  lexical?(model: LexicalContext): LexicalSignal;
}

/** What a lexical signal may read of the model it is made for. */
export interface LexicalContext {
  nWorks: number;
  /** The claims the model is built with (as passed, duplicates included). */
  claims: readonly ClaimText[];
  /** Raw BM25 scores of a query against every work: the works with a non-zero score and their scores. */
  scoreRow(query: SparseVector): { works: number[]; values: Float64Array };
}

/** A claim unit as a lexical signal sees it (the same object for as long as the unit lives). */
export interface UnitQuery {
  readonly query: SparseVector;
}

/**
 * A lexical signal that keeps state over the claims (e.g. ranks of a work's score among all claims'): told when
 * a claim's units come and go, asked for the signal of a work with a unit.
 */
export interface LexicalSignal {
  /** A claim's units were added; `bulk` while the model is built (then `built` follows). */
  added(claimId: string, units: readonly UnitQuery[], bulk: boolean): void;
  removed(claimId: string, units: readonly UnitQuery[]): void;
  built(): void;
  /** The signal of work `w` for `unit`, given its raw BM25 score (> 0) and its coverage. */
  score(unit: UnitQuery, w: number, raw: number, coverage: number): number;
}
