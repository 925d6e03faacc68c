/**
 * What topic fit keeps between analyses, owned by one service (`createService` makes one `TopicFitCache`): the
 * works read from the bibliographies, the claims of each cited paragraph, the built model and the scores. The
 * shapes of that state are declared here, once, for the modules that fill it (citedWorks, citingClaims,
 * modelBuilds, offTopic, orphanPlacement).
 */
import { LRUCache } from 'lru-cache';
import type { Fit } from './fit';
import type { TopicLearner } from './learner';
import type { FitResult, TopicModel } from './model';
import { SentenceSplits } from './claimSpans';
import type { TopicSpace } from './space';
import type { ClaimText, WorkText } from './texts';
import type { Problem, RelatedLocation, Span } from '../types';
import type { ProgressReporter } from '../workspace';

/** Keeps the built model, the works and the scores between analyses (one per service). */
export class TopicFitCache {
  state: ModelState | null = null;
  works: { bibliographies: object[]; style: string; references: { number: number | null; text: string; entry: object | null }[]; works: WorkInfo[]; byId: Map<string, WorkInfo>; signature: string } | null = null;
  /**
   * Cached claims of blocks by their fingerprint (see citingClaims.ts; entries hold their text, compared on a
   * hit); valid for `blocksFor` (the works).
   */
  blocks = new Map<number, BlockEntry[]>();
  blocksFor: WorkInfo[] | null = null;
  blockCount = 0;
  generation = 0;
  /** Sentences of the cited blocks' texts. */
  readonly sentences = new SentenceSplits();
  /** Works being read in slices (large bibliographies, see {@link TopicFitHost}): from which bibliographies. */
  reading: { bibliographies: object[]; done: Promise<void> } | null = null;
  /** The model being built in slices (see {@link TopicFitHost}): for which works, and when it is done. */
  building: { signature: string; done: Promise<void>; abort: AbortController } | null = null;
  /** Edited works being re-described in the kept space (see workEdits.ts): for which works, and when it is done. */
  editing: { signature: string; done: Promise<void> } | null = null;
  /** After edited works were re-described: the build from scratch that follows (see modelBuilds.ts). */
  relearning: { signature: string; done: Promise<void> } | null = null;
  /** Milliseconds without a further edit before that build starts. */
  relearnAfterMs = 2000;
  /**
   * The text each bibliography entry gives topic fit, by the entry's identity (`bibtexIdentity`: the same object
   * while the entry's own text is unchanged, also when an edit elsewhere moved it; see bibtex/relocate.ts), so
   * after an edit inside one entry only that entry is read again.
   */
  readonly entryTexts = new WeakMap<object, { title: string; text: WorkText; hash: number }>();
  /** A sliced build of these works failed: the next one runs at once, so the error reaches the host's log. */
  failed: string | null = null;
  /**
   * Works + citing sentences from which a host that can pause builds the model in slices, in the background.
   * Below, a build takes ~0.1 s or less and is done at once; above, it takes seconds (5,000 works: ~4 s).
   */
  sliceAbove = 500;
}

/**
 * How a host (the language server) lets a long model build share its thread. With it, a large bibliography's
 * model is built in slices while the analysis returns at once without topic fit and a `pending` promise; the
 * host checks again when it resolves. Without it (the CLI), the model is built before the analysis returns.
 */
export interface TopicFitHost {
  pause(): Promise<void>;
  progress?(title: string): ProgressReporter;
  /** Optional: learns the space off this thread (see {@link TopicLearner}); else it is learnt here, in slices. */
  learnTopics?: TopicLearner;
}

/** A cited work as the text cites it, with what the model reads of it. */
export interface WorkInfo {
  id: string;
  label: string;
  ref: string;
  title: string;
  text: WorkText;
}

/** A better-fitting work for a claim, as the text would cite it. */
export interface FitSuggestion {
  /** `[3]` or `@key`. */
  label: string;
  /** The text to put in the citation: "3" or "key". */
  ref: string;
  score: number;
  title: string;
  /** Why it fits better, for related information ("fit 0.61 here; shares diffusion models"). */
  why?: string;
}

/** The model of the current works, the claims it knows (id → content key) and the scores it gave. */
export interface ModelState {
  signature: string;
  model: TopicModel;
  claims: Map<string, string>;
  /** Scores and messages per (claim, work, threshold): a keystroke re-scores only the sentence it changed. */
  results: LRUCache<string, CachedResult>;
  /**
   * For a model built in the background (large bibliographies): the space it was made of and the works, so a few
   * edited works can be re-described in it (workEdits.ts) instead of learning every topic again.
   */
  learnt?: LearntSpace;
  /** The entries works were last shown at (see offTopic.ts's `WorkLocations.links`). */
  entryLinks?: EntryLinks;
}

/** The entry index, and per reference number (in list order) the entry its first item links to (null: none). */
export interface EntryLinks {
  entriesByKey: ReadonlyMap<string, unknown>;
  numbers: number[];
  entries: (object | null)[];
}

/** A topic space with the works it describes (in the space's order) and the taxonomy it was made with. */
export interface LearntSpace {
  space: TopicSpace;
  works: WorkInfo[];
  taxonomy: string;
  /** The space's vocabulary as stem → term id, made on the first edit. */
  vocabulary?: Map<string, number>;
  /** True when made by re-describing edited works (a build from scratch replaces it in the background). */
  edited: boolean;
}

/** The most results a model's state keeps (the least recently used go first). */
const MAX_RESULTS = 50_000;

export function newModelState(signature: string, model: TopicModel, claims: Map<string, string>, learnt?: LearntSpace): ModelState {
  return { signature, model, claims, results: new LRUCache({ max: MAX_RESULTS }), ...(learnt ? { learnt } : {}) };
}

export interface CachedResult {
  fit: Omit<Fit, 'claim'>;
  /** The message, the better fits, and the full reasoning (scores, evidence, shared words) for related information. */
  flag: { message: string; suggestions: FitSuggestion[]; reasoning: string } | null;
  /** The last `Fit` handed out, reused while its claim's span object is the same. */
  last?: Fit;
  /** The last `off-topic-citation` problem handed out (see offTopic.ts). */
  problem?: Problem<'off-topic-citation'>;
  /** Its related locations (the same array while the works' locations are the same; see offTopic.ts). */
  related?: RelatedLocation[];
  /** The entries every one of those locations was read from, if all were (then they hold while it is the same). */
  relatedFrom?: EntryLinks;
}

/**
 * The claims of one cited block (paragraph), everything but their position: reused while the block's text, file,
 * headings and citations are unchanged, so a keystroke costs only for the paragraph it edits.
 */
export interface BlockEntry {
  file: number;
  headingPath: string[];
  /** Per resolution in the block (in order): its offset in the block and the work it cites (null: none known). */
  offsets: number[];
  workIds: (string | null)[];
  claims: ClaimTemplate[];
  /** Per resolution in the block: index into `claims`. */
  claimOf: number[];
  lastUsed: number;
  /** The block's text. */
  text: string;
}

/** A sentence of a cached block that cites something. */
export interface ClaimTemplate {
  /** Span in the block. */
  start: number;
  end: number;
  /** The sentence as written (untrimmed). */
  text: string;
  /** Claim id without its occurrence number (`file|paragraph hash|sentence hash`). */
  base: string;
  paragraphId: string;
  /** The text of the block (paragraph) holding the citation: the claim's second opinion. */
  paragraph: string;
  /** The sentences before and after it in the block (part of its query). */
  context: string;
  headingPath: string[];
  citedWorkIds: string[];
  citations: { offset: number; workIds: string[] }[];
  /** Per occurrence number (the n-th identical sentence of identical paragraphs in a file). */
  variants: ClaimVariant[];
}

/** A claim as the model knows it, with what is derived from it (built once, not per keystroke). */
export interface ClaimVariant {
  claim: ClaimText;
  key: string;
  /** Its span in the last analysis (reused while the claim has not moved). */
  span: Span | null;
  threshold: number;
  /** Work id → key into `ModelState.results`, and the work's `citersKey` it was made with. */
  resultKeys: Map<string, { key: string; citers: string }>;
  /** Orphaned works' fits with this claim, for the model they were scored with. */
  orphans: { model: TopicModel; fits: Map<string, FitResult> } | null;
  /** The claim as the last analysis placed it (citingClaims.ts' `Pending`), handed out again while it has not moved. */
  pending?: { variant: ClaimVariant; claim: ClaimText; span: Span; file: number };
}
