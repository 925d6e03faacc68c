/**
 * Topic fit in an analysis (product.md §5): for every cited work, how well it fits the claim it is attached to;
 * `off-topic-citation` below the threshold, with an explanation and better fits; for orphaned references, the
 * claims they would fit best.
 *
 * The model (topicFit/model.ts) is built once per set of works (bibliography entries, or reference-list items in
 * a numeric manuscript) and kept; edited sentences are re-folded into it, so a keystroke re-scores cheaply.
 */
import type { Analysis, Resolution } from './analysis';
import { bibtexFieldTexts } from './bibtex/parseBibliography';
import { blockAt, claimSpanIn, sentenceSpansOf } from './claims';
import type { Settings } from './settings';
import { conceptsOf } from './taxonomy';
import { runSteps, runStepsInSlices, type Steps } from './slices';
import {
  buildTopicModel,
  buildTopicModelInSlices,
  topicModelFromSpace,
  type ClaimText,
  type FitResult,
  type TopicModel,
  type TopicModelOptions,
  type TopicSpace,
  type TopicSpaceOptions,
  type WorkText,
} from './topicFit/model';
import type { ProgressReporter } from './workspace';
import type { BibEntry, ProseBlock, Problem, ReferenceItem, Span } from './types';
import { quotedTitleOf } from './resolve/titles';

/** The fit of one cited work with its claim, for hovers, `citelens citations` and quick fixes. */
export interface Fit {
  score: number;
  judgeable: boolean;
  /** Why a work cannot be judged ("work-too-short": no title, or a short title and nothing else). */
  reason?: string;
  sharedTerms: string[];
  claimTerms: string[];
  workTerms: string[];
  /** Span of the claim (sentence) in its file. */
  claim: Span;
}

/** A better-fitting work for a claim, as the text would cite it. */
export interface FitSuggestion {
  /** `[3]` or `@key`. */
  label: string;
  /** The text to put in the citation: "3" or "key". */
  ref: string;
  score: number;
  title: string;
}

interface ModelState {
  signature: string;
  model: TopicModel;
  claims: Map<string, string>;
  /** Scores and messages per (claim, work, threshold): a keystroke re-scores only the sentence it changed. */
  results: Map<string, CachedResult>;
}

interface CachedResult {
  fit: Omit<Fit, 'claim'>;
  flag: { message: string; suggestions: FitSuggestion[] } | null;
  /** The last `Fit` handed out, reused while its claim's span object is the same. */
  last?: Fit;
  /** The last `off-topic-citation` problem handed out (see `offTopicProblem`). */
  problem?: Problem;
}

/**
 * The claims of one cited block (paragraph), everything but their position: reused while the block's text, file,
 * headings and citations are unchanged, so a keystroke costs only for the paragraph it edits.
 */
interface BlockEntry {
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
interface ClaimTemplate {
  /** Span in the block. */
  start: number;
  end: number;
  /** The sentence as written (untrimmed). */
  text: string;
  /** Claim id without its occurrence number (`file|paragraph hash|sentence hash`). */
  base: string;
  paragraphId: string;
  headingPath: string[];
  citedWorkIds: string[];
  citations: { offset: number; workIds: string[] }[];
  /** Per occurrence number (the n-th identical sentence of identical paragraphs in a file). */
  variants: ClaimVariant[];
}

/** A claim as the model knows it, with what is derived from it (built once, not per keystroke). */
interface ClaimVariant {
  claim: ClaimText;
  key: string;
  /** Its span in the last analysis (reused while the claim has not moved). */
  span: Span | null;
  threshold: number;
  /** Work id → key into `ModelState.results`. */
  resultKeys: Map<string, string>;
  /** Orphaned works' fits with this claim, for the model they were scored with. */
  orphans: { model: TopicModel; fits: Map<string, FitResult> } | null;
}

/** Keeps the built model, the works and the scores between analyses (one per service). */
export class TopicFitCache {
  state: ModelState | null = null;
  works: { bibliographies: object[]; style: string; references: { number: number | null; text: string; entry: object | null }[]; works: WorkInfo[]; byId: Map<string, WorkInfo>; signature: string } | null = null;
  /**
   * Cached claims of blocks by {@link blockFingerprint} (entries hold their text, compared on a hit); valid
   * for `blocksFor` (the works).
   */
  blocks = new Map<string, BlockEntry[]>();
  blocksFor: WorkInfo[] | null = null;
  blockCount = 0;
  generation = 0;
  /** Works being read in slices (large bibliographies, see {@link TopicFitHost}): from which bibliographies. */
  reading: { bibliographies: object[]; done: Promise<void> } | null = null;
  /** The model being built in slices (see {@link TopicFitHost}): for which works, and when it is done. */
  building: { signature: string; done: Promise<void>; abort: AbortController } | null = null;
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

/**
 * Learns a topic space elsewhere (the language server: a worker thread, `node/topicLearner.ts`), so the
 * seconds of learning a 20,000-work bibliography neither hold the host's thread nor leave their garbage in its
 * heap. Rejects when it cannot (the space is then learnt in slices here); `signal` aborts a superseded build.
 */
export type TopicLearner = (works: WorkText[], claims: ClaimText[], options: TopicSpaceOptions, signal: AbortSignal) => Promise<TopicSpace>;

interface WorkInfo {
  id: string;
  label: string;
  ref: string;
  title: string;
  text: WorkText;
}

/**
 * Works as the manuscript cites them: list items (numeric) and/or bibliography entries (Pandoc), with the
 * signature the model is rebuilt on (their texts, hashed once here, not on every analysis). Steps, so a
 * 20,000-entry bibliography (~1 s of field reading) can be read in slices (see `slices.ts`).
 */
function* worksSteps(analysis: Analysis): Steps<{ works: WorkInfo[]; signature: string }> {
  const works: WorkInfo[] = [];
  if (analysis.style === 'numeric' || analysis.style === 'mixed') {
    for (const link of analysis.references) {
      if (link.item.number === null) continue;
      const n = link.item.number;
      works.push({ id: `#${n}`, label: `[${n}]`, ref: String(n), ...describe(link.entry, link.item) });
      if (works.length % 256 === 0) yield;
    }
  }
  if (analysis.style !== 'numeric') {
    for (const entry of analysis.entriesByKey.values()) {
      works.push({ id: entry.key, label: `@${entry.key}`, ref: entry.key, ...describe(entry, null) });
      if (works.length % 256 === 0) yield;
    }
  }
  let h = FNV_OFFSET;
  for (let i = 0; i < works.length; i++) {
    const t = works[i].text;
    h = fnv(h, `${works[i].id}\u0000${t.title ?? ''}\u0000${t.abstract ?? ''}\u0000${String(t.keywords ?? '')}\u0000${t.venue ?? ''}\u0001`);
    if (i % 1024 === 1023) yield;
  }
  return { works, signature: (h >>> 0).toString(36) };
}

/** The works of the last analysis if this one has the same style, bibliography objects and reference list. */
function upToDateWorks(analysis: Analysis, cache: TopicFitCache): WorkInfo[] | null {
  const c = cache.works;
  if (!c || c.style !== analysis.style || c.bibliographies.length !== analysis.bibliographies.length) return null;
  if (!c.bibliographies.every((b, i) => b === analysis.bibliographies[i])) return null;
  // Compared item by item (no string building on every keystroke).
  const sameList =
    c.references.length === analysis.references.length &&
    analysis.references.every((l, i) => {
      const r = c.references[i];
      return r.number === l.item.number && r.entry === l.entry && r.text === l.item.text;
    });
  return sameList ? c.works : null;
}

function storeWorks(analysis: Analysis, cache: TopicFitCache, works: WorkInfo[], signature: string): void {
  const references = analysis.references.map((l) => ({ number: l.item.number, text: l.item.text, entry: l.entry }));
  cache.works = { bibliographies: [...analysis.bibliographies], style: analysis.style, references, works, byId: new Map(works.map((w) => [w.id, w])), signature };
}

/**
 * The works, reused while the bibliography objects (cached by content) and the reference list are unchanged.
 * With a host that can pause and a large bibliography, they are read in the background: `pending` then.
 */
function cachedWorks(analysis: Analysis, cache: TopicFitCache, host: TopicFitHost | undefined): WorkInfo[] | { pending: Promise<void> } {
  const cached = upToDateWorks(analysis, cache);
  if (cached) return cached;
  const size = analysis.references.length + analysis.entriesByKey.size;
  if (!host || size < cache.sliceAbove) {
    const { works, signature } = runSteps(worksSteps(analysis));
    storeWorks(analysis, cache, works, signature);
    return works;
  }
  // One reading at a time per set of bibliographies; a newer analysis reads again if they changed meanwhile.
  const reading = cache.reading;
  if (reading && reading.bibliographies.length === analysis.bibliographies.length && reading.bibliographies.every((b, i) => b === analysis.bibliographies[i])) {
    return { pending: reading.done };
  }
  // From the host's next turn: this analysis has used its share of the thread.
  const done = host.pause().then(() => runStepsInSlices(worksSteps(analysis), { pause: () => host.pause(), sliceMs: 10 })).then(
    ({ works, signature }) => storeWorks(analysis, cache, works, signature),
    () => undefined, // read again, at once, by the next analysis (see below)
  ).finally(() => {
    if (cache.reading?.done === done) cache.reading = null;
  });
  cache.reading = { bibliographies: [...analysis.bibliographies], done };
  return { pending: done };
}

/**
 * Field texts are cut to this many characters for topic fit: real abstracts are shorter, and a 60,000-character
 * field (a broken or generated `.bib`) made phrase extraction take ~100 ms per analysis.
 */
const MAX_FIELD_TEXT = 5_000;

function clipWorkText(text: WorkText): WorkText {
  const clip = (s: string | undefined): string | undefined => (typeof s === 'string' && s.length > MAX_FIELD_TEXT ? s.slice(0, MAX_FIELD_TEXT) : s);
  const keywords = Array.isArray(text.keywords) ? text.keywords.slice(0, 200).map((k) => clip(k) ?? '') : clip(text.keywords);
  return { id: text.id, title: clip(text.title), abstract: clip(text.abstract), keywords, venue: clip(text.venue) };
}

function describe(entry: BibEntry | null, item: ReferenceItem | null): { title: string; text: WorkText } {
  const described = describeFully(entry, item);
  return { title: described.title, text: clipWorkText(described.text) };
}

function describeFully(entry: BibEntry | null, item: ReferenceItem | null): { title: string; text: WorkText } {
  if (entry) {
    const fields = bibtexFieldTexts(entry);
    if (fields) {
      const text: WorkText = { id: '', title: fields.title, abstract: fields.abstract, keywords: fields.keywords ?? fields.keyword, venue: fields.journal ?? fields.booktitle ?? fields.journaltitle };
      return { title: fields.title ?? entry.key, text };
    }
    const csl = entry.getCsl();
    if (csl) {
      const venue = typeof csl['container-title'] === 'string' ? csl['container-title'] : undefined;
      return { title: csl.title ?? entry.key, text: { id: '', title: csl.title, abstract: csl.abstract, keywords: csl.keyword, venue } };
    }
  }
  // A list item without an entry: its own text describes the work.
  const own = (item?.text ?? '').replace(/[*_`]/g, '');
  const quoted = quotedTitleOf(own) ?? undefined;
  return { title: quoted ?? own.slice(0, 80), text: { id: '', title: quoted ?? own } };
}

function workIdOf(r: Resolution): string | null {
  if (r.item.kind === 'number') return r.reference ? `#${r.item.number}` : null;
  return r.entry?.key ?? null;
}

/** Topic fit is skipped above this many resolutions (see `topicFit`). */
const MAX_TOPIC_FIT_RESOLUTIONS = 25_000;

/** A cheap, stable hash of a string (FNV-1a), for signatures and ids. */
function hash(text: string): string {
  return (fnv(FNV_OFFSET, text) >>> 0).toString(36);
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over `text`, continuing from `h` (so long inputs can be hashed piece by piece). */
function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** A claim of this analysis: a cached claim variant at its current position. */
interface Pending {
  variant: ClaimVariant;
  claim: ClaimText;
  span: Span;
  file: number;
}

export function topicFit(
  analysis: Analysis,
  settings: Settings,
  cache: TopicFitCache,
  host?: TopicFitHost,
): { fits: (Fit | null)[]; problems: Problem[]; pending?: Promise<void> } {
  const fits: (Fit | null)[] = analysis.resolutions.map(() => null);
  // Beyond this many cited works (a large review has ~2,000) the manuscript is machine-made or broken: topic
  // fit would cost tens of seconds (≈0.15 ms a claim) for no useful answer, so it is skipped.
  if (!settings.topicFitEnabled || analysis.resolutions.length === 0 || analysis.resolutions.length > MAX_TOPIC_FIT_RESOLUTIONS) return { fits, problems: [] };
  const works = cachedWorks(analysis, cache, host);
  if (!Array.isArray(works)) return { fits, problems: [], pending: works.pending };
  if (works.length < 2) return { fits, problems: [] };
  const byId = cache.works!.byId;
  const { pendings, pendingOf, workIdOfResolution } = claimsOf(analysis, byId, works, cache);
  // Co-citation pools works per paragraph: every claim of a paragraph lists its paragraph's works.
  const model = modelFor(analysis, works, pendings, cache, host);
  if (!('score' in model)) return { fits, problems: [], pending: model.pending };

  const problems: Problem[] = [];
  const threshold = settings.topicFitThreshold;
  const results = cache.state!.results;
  const resolutions = analysis.resolutions;
  // With a host that can pause, one analysis scores for at most SCORING_SLICE_MS: the first pass over a large
  // review (a thousand citations, each flagged one with suggestions) takes 0.1–0.2 s. What is left is scored
  // by the next analysis, which the host runs after its turn (`pending`); scored results are kept.
  // (A small review is scored at once: its first publication is then complete.)
  const deadline = host && works.length + pendings.length >= cache.sliceAbove ? performance.now() + SCORING_SLICE_MS : Infinity;
  let unfinished = false;
  for (let i = 0; i < resolutions.length; i++) {
    const pending = pendingOf[i];
    const id = workIdOfResolution[i];
    if (!pending || !id) continue;
    const r = resolutions[i];
    const variant = pending.variant;
    if (variant.threshold !== threshold) {
      variant.threshold = threshold;
      variant.resultKeys.clear();
    }
    let key = variant.resultKeys.get(id);
    if (key === undefined) variant.resultKeys.set(id, (key = `${cache.state!.claims.get(pending.claim.id)}\u0000${id}\u0000${threshold}`));
    let cached = results.get(key);
    if (!cached) {
      if (performance.now() > deadline) {
        unfinished = true;
        continue;
      }
      const result = model.score(pending.claim.id, id);
      const fit: Omit<Fit, 'claim'> = {
        score: result.score,
        judgeable: result.judgeable,
        sharedTerms: result.sharedTerms,
        claimTerms: result.claimTerms,
        workTerms: result.workTerms,
        ...(result.reason ? { reason: result.reason } : {}),
      };
      let flag: { message: string; suggestions: FitSuggestion[] } | null = null;
      if (result.judgeable && result.score < threshold) {
        const suggestions: FitSuggestion[] = model
          .suggest(pending.claim.id, 3, [id], { replacing: id })
          .filter((s) => s.score > result.score && s.score >= threshold)
          .map((s) => {
            const w = byId.get(s.workId)!;
            return { label: w.label, ref: w.ref, score: s.score, title: w.title };
          });
        const message = model.explain(pending.claim.id, id, (w) => byId.get(w)?.label ?? w, { threshold, suggestions: 3, replacing: id });
        flag = { message, suggestions };
      }
      cached = { fit, flag };
      results.set(key, cached);
    }
    // Fits are read-only: one whose claim has not moved is handed out again.
    fits[i] = cached.last?.claim === pending.span ? cached.last : (cached.last = withClaim(cached.fit, pending.span));
    if (!cached.flag) continue;
    problems.push(offTopicProblem(cached, r, analysis.files[r.file].uri));
  }
  problems.push(...orphanFits(analysis, model, byId, pendings, threshold));
  return unfinished && host ? { fits, problems, pending: host.pause() } : { fits, problems };
}

/** How long one analysis scores citations not scored before, in a host that can pause (see `topicFit`). */
const SCORING_SLICE_MS = 10;

/**
 * The `off-topic-citation` problem of a cached result at this citation: the one handed out last time while the
 * citation has not moved (so the diagnostic built from it, and what the host derives from that, are reused),
 * else a new one sharing the message and data.
 */
function offTopicProblem(cached: CachedResult, r: Resolution, uri: string): Problem {
  const flag = cached.flag!;
  const span = r.item.span;
  const style = r.item.kind === 'number' ? 'numeric' : 'pandoc';
  const last = cached.problem;
  if (last && last.span.start === span.start && last.span.end === span.end && last.uri === uri && (last.data as OffTopicData).style === style) return last;
  // Kept small (every keystroke publishes it): the quick fix looks the suggested works' titles up itself.
  const data: OffTopicData = last && (last.data as OffTopicData).style === style
    ? (last.data as OffTopicData)
    : { score: round3(cached.fit.score), suggestions: flag.suggestions.map((x) => ({ ref: x.ref, score: round3(x.score) })), style };
  return (cached.problem = { code: 'off-topic-citation', message: flag.message, span, uri, data });
}

/** The quick fix's data of an `off-topic-citation` diagnostic. */
interface OffTopicData {
  score: number;
  suggestions: { ref: string; score: number }[];
  style: 'numeric' | 'pandoc';
}

/** A cached fit at its claim's span (built field by field: a spread of the cached object was measurably slower). */
function withClaim(f: Omit<Fit, 'claim'>, claim: Span): Fit {
  return f.reason === undefined
    ? { score: f.score, judgeable: f.judgeable, sharedTerms: f.sharedTerms, claimTerms: f.claimTerms, workTerms: f.workTerms, claim }
    : { score: f.score, judgeable: f.judgeable, sharedTerms: f.sharedTerms, claimTerms: f.claimTerms, workTerms: f.workTerms, reason: f.reason, claim };
}

/**
 * Claims: one per sentence that cites something, with its citation groups, in the order of the first resolution
 * citing each. Built per cited block and cached by the block's text, file, headings and citations, so only an
 * edited paragraph costs anything; ids (`file|paragraph hash|sentence hash|n`) stay stable across edits elsewhere.
 */
function claimsOf(
  analysis: Analysis,
  byId: Map<string, WorkInfo>,
  works: WorkInfo[],
  cache: TopicFitCache,
): { pendings: Pending[]; pendingOf: (Pending | undefined)[]; workIdOfResolution: (string | null)[] } {
  if (cache.blocksFor !== works) {
    cache.blocks.clear();
    cache.blockCount = 0;
    cache.blocksFor = works;
  }
  const generation = ++cache.generation;
  const resolutions = analysis.resolutions;
  const workIdOfResolution: (string | null)[] = new Array(resolutions.length).fill(null);
  const pendingOf: (Pending | undefined)[] = new Array(resolutions.length);

  // Resolutions per cited block, blocks in order of their first resolution.
  interface Group {
    file: number;
    block: ProseBlock;
    indices: number[];
    entry?: BlockEntry;
    /** Per claim of the entry: its pending in this analysis. */
    pendings: Pending[];
  }
  const groups = new Map<ProseBlock, Group>();
  for (let i = 0; i < resolutions.length; i++) {
    const r = resolutions[i];
    if (r.citation.nocite || r.citation.malformed) continue;
    const block = blockAt(analysis.files[r.file], r.citation.span.start);
    if (!block) continue;
    const id = workIdOf(r);
    if (id && byId.has(id)) workIdOfResolution[i] = id;
    let group = groups.get(block);
    if (!group) groups.set(block, (group = { file: r.file, block, indices: [], pendings: [] }));
    group.indices.push(i);
  }

  // Each claim of each block, with the first resolution citing it.
  const found: { t: number; first: number; group: Group }[] = [];
  let interleaved = false;
  let last = -1;
  for (const group of groups.values()) {
    if (group.indices[0] < last) interleaved = true;
    last = group.indices[group.indices.length - 1];
    const entry = (group.entry = blockEntry(analysis, group.file, group.block, group.indices, workIdOfResolution, generation, cache));
    // A block's claims are listed in order of their first resolution.
    const firsts = new Array<number>(entry.claims.length).fill(-1);
    for (let j = 0; j < group.indices.length; j++) if (firsts[entry.claimOf[j]] < 0) firsts[entry.claimOf[j]] = group.indices[j];
    for (let t = 0; t < firsts.length; t++) found.push({ t, first: firsts[t], group });
  }
  // Blocks whose resolutions interleave (not in document order): restore the order of first resolutions.
  if (interleaved) found.sort((a, b) => a.first - b.first);

  // Occurrence numbers: the n-th identical sentence (same file, paragraph text and sentence) gets id `…|n`.
  const seenText = new Map<string, number>();
  const pendings: Pending[] = [];
  for (const { t, group } of found) {
    const template = group.entry!.claims[t];
    const n = seenText.get(template.base) ?? 0;
    seenText.set(template.base, n + 1);
    const variant = (template.variants[n] ??= newVariant(template, n));
    const start = group.block.span.start + template.start;
    const end = group.block.span.start + template.end;
    // The same span object while the claim has not moved, so its fits can be handed out again.
    const span = variant.span && variant.span.start === start && variant.span.end === end ? variant.span : (variant.span = { start, end });
    const pending: Pending = { variant, claim: variant.claim, span, file: group.file };
    group.pendings[t] = pending;
    pendings.push(pending);
  }
  for (const group of groups.values()) {
    for (let j = 0; j < group.indices.length; j++) pendingOf[group.indices[j]] = group.pendings[group.entry!.claimOf[j]];
  }
  pruneBlocks(cache, generation);
  return { pendings, pendingOf, workIdOfResolution };
}

/** The cached claims of a block with these resolutions (`indices`), built when the block is new or changed. */
function blockEntry(
  analysis: Analysis,
  file: number,
  block: ProseBlock,
  indices: number[],
  workIds: (string | null)[],
  generation: number,
  cache: TopicFitCache,
): BlockEntry {
  const ms = analysis.files[file];
  const text = ms.text.slice(block.span.start, block.span.end);
  const fingerprint = blockFingerprint(text);
  const candidates = cache.blocks.get(fingerprint);
  const resolutions = analysis.resolutions;
  if (candidates) {
    for (const entry of candidates) {
      if (entry.file !== file || entry.offsets.length !== indices.length || entry.text !== text || !sameStrings(entry.headingPath, block.headingPath)) continue;
      let same = true;
      for (let j = 0; j < indices.length && same; j++) {
        same = entry.offsets[j] === resolutions[indices[j]].citation.span.start - block.span.start && entry.workIds[j] === workIds[indices[j]];
      }
      if (same) {
        entry.lastUsed = generation;
        return entry;
      }
    }
  }
  const { entry, cacheable } = buildBlockEntry(analysis, file, block, text, indices, workIds);
  entry.lastUsed = generation;
  if (cacheable) {
    if (candidates) candidates.push(entry);
    else cache.blocks.set(fingerprint, [entry]);
    cache.blockCount++;
  }
  return entry;
}

/**
 * A short key for a block's text: its length and ends. Hashing every cited paragraph's whole text (a fresh
 * slice each analysis) was the larger part of finding the cached blocks on a keystroke; candidates under the
 * fingerprint are compared with the text itself.
 */
function blockFingerprint(text: string): string {
  return text.length <= 96 ? text : `${text.length}|${text.slice(0, 48)}|${text.slice(-48)}`;
}

function buildBlockEntry(
  analysis: Analysis,
  file: number,
  block: ProseBlock,
  text: string,
  indices: number[],
  workIds: (string | null)[],
): { entry: BlockEntry; cacheable: boolean } {
  const ms = analysis.files[file];
  const sentences = sentenceSpansOf(text);
  const paragraphId = `${file}|${hash(text)}`;
  const entry: BlockEntry = { file, headingPath: block.headingPath, offsets: [], workIds: [], claims: [], claimOf: [], lastUsed: 0, text };
  let cacheable = true;
  const byStart = new Map<number, number>();
  for (const i of indices) {
    const r = analysis.resolutions[i];
    const offset = r.citation.span.start - block.span.start;
    const id = workIds[i];
    entry.offsets.push(offset);
    entry.workIds.push(id);
    const span = claimSpanIn(sentences, text.length, offset);
    let t = byStart.get(span.start);
    if (t === undefined) {
      // The paragraph is the block holding the sentence's start: the citation's block, unless blocks nest.
      let paragraph = paragraphId;
      const holder = blockAt(ms, block.span.start + span.start);
      if (holder !== block) {
        cacheable = false;
        const p = holder?.span ?? { start: 0, end: 0 };
        paragraph = `${file}|${hash(ms.text.slice(p.start, p.end))}`;
      }
      t = entry.claims.length;
      byStart.set(span.start, t);
      entry.claims.push({
        start: span.start,
        end: span.end,
        text: text.slice(span.start, span.end),
        base: `${paragraph}|${hash(text.slice(span.start, span.end).trim())}`,
        paragraphId: paragraph,
        headingPath: block.headingPath,
        citedWorkIds: [],
        citations: [],
        variants: [],
      });
    }
    entry.claimOf.push(t);
    const claim = entry.claims[t];
    if (id) {
      if (!claim.citedWorkIds.includes(id)) claim.citedWorkIds.push(id);
      const at = offset - claim.start;
      const group = claim.citations.find((g) => g.offset === at);
      if (group) group.workIds.push(id);
      else claim.citations.push({ offset: at, workIds: [id] });
    }
  }
  return { entry, cacheable };
}

function newVariant(template: ClaimTemplate, n: number): ClaimVariant {
  const claim: ClaimText = {
    id: `${template.base}|${n}`,
    text: template.text,
    headingPath: template.headingPath,
    paragraphId: template.paragraphId,
    citedWorkIds: template.citedWorkIds,
    citations: template.citations,
  };
  return { claim, key: claimKey(claim), span: null, threshold: NaN, resultKeys: new Map(), orphans: null };
}

/** Forgets blocks unused for a few analyses once they outnumber the live ones (an editing session makes many). */
function pruneBlocks(cache: TopicFitCache, generation: number): void {
  if (cache.blockCount < 2000) return;
  let live = 0;
  for (const entries of cache.blocks.values()) for (const e of entries) if (e.lastUsed === generation) live++;
  if (cache.blockCount < 2 * live + 2000) return;
  for (const [fingerprint, entries] of cache.blocks) {
    const kept = entries.filter((e) => e.lastUsed >= generation - 8);
    cache.blockCount -= entries.length - kept.length;
    if (kept.length) cache.blocks.set(fingerprint, kept);
    else cache.blocks.delete(fingerprint);
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function modelFor(analysis: Analysis, works: WorkInfo[], pendings: Pending[], cache: TopicFitCache, host: TopicFitHost | undefined): TopicModel | { pending: Promise<void> } {
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
    // Sentences edited away: forget them (and, now and then, their cached scores). Claim ids are distinct, so
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
    if (state.results.size > 50000) state.results.clear();
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
  cache.building?.abort.abort();
  cache.building = null;
  const model = buildTopicModel(workTexts, claims, options);
  cache.state = { signature: key, model, claims: claimKeys, results: new Map() };
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
  const progress = host.progress?.(`Citelens: learning the topics of ${works.length.toLocaleString('en')} works`);
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
  const inSlices = (): Promise<TopicModel> => buildTopicModelInSlices(works, claims, options, slices);
  const model = host.learnTopics
    ? host.learnTopics(works, claims, spaceOptionsOf(options), abort.signal).then(
        (space) => topicModelFromSpace(space, works, claims, options, slices),
        () => (current() ? inSlices() : Promise.reject(new Superseded())),
      )
    : inSlices();
  mine.done = model.then(
    (model) => {
      if (current()) cache.state = { signature: key, model, claims: claimKeys, results: new Map() };
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

/** The options a space is learnt with: all but `conceptsOf`, a function, which stays on this thread. */
function spaceOptionsOf(options: TopicModelOptions): TopicSpaceOptions {
  const copy: TopicModelOptions = { ...options };
  delete copy.conceptsOf;
  return copy;
}

/**
 * Orphaned list items: the claims they would fit best. Returned as partial `orphaned-reference` problems (the
 * message is a sentence to append) that `mergeOrphanFits` folds into the numbering check's diagnostics.
 */
function orphanFits(analysis: Analysis, model: TopicModel, byId: Map<string, WorkInfo>, claims: Pending[], threshold: number): Problem[] {
  const problems: Problem[] = [];
  if (analysis.referenceFile < 0) return problems;
  const cited = new Set<number | null | undefined>();
  for (const r of analysis.resolutions) if (r.item.kind === 'number') cited.add(r.item.number);
  const file = analysis.files[analysis.referenceFile];
  for (const link of analysis.references) {
    const n = link.item.number;
    if (n === null || cited.has(n) || !byId.has(`#${n}`)) continue;
    const ranked = claims
      .map((c) => ({ c, s: orphanScore(model, c.variant, `#${n}`) }))
      .filter((x) => x.s.judgeable && x.s.score >= Math.max(threshold * 2, 0.15))
      .sort((a, b) => b.s.score - a.s.score)
      .slice(0, 3);
    if (!ranked.length) continue;
    problems.push({
      code: 'orphaned-reference',
      message: ` It would fit best at: ${ranked.map((x) => `“${clipText(x.c.claim.text, 60)}” (fit ${x.s.score.toFixed(2)})`).join('; ')}.`,
      span: link.item.numberSpan,
      uri: file.uri,
      related: ranked.map((x) => ({ uri: analysis.files[x.c.file].uri, span: x.c.span, message: `[${n}] would fit here (fit ${x.s.score.toFixed(2)}; shares ${x.s.sharedTerms.slice(0, 3).join(', ') || 'its topic'})` })),
      data: { number: n, fitsAt: ranked.map((x) => ({ uri: analysis.files[x.c.file].uri, span: x.c.span, score: x.s.score })), topicFit: true },
    });
  }
  return problems;
}

/** The fit of an orphaned work with a claim, kept per claim variant and model (every orphan meets every claim). */
function orphanScore(model: TopicModel, variant: ClaimVariant, workId: string): FitResult {
  if (variant.orphans?.model !== model) variant.orphans = { model, fits: new Map() };
  let fit = variant.orphans.fits.get(workId);
  if (!fit) variant.orphans.fits.set(workId, (fit = model.score(variant.claim.id, workId)));
  return fit;
}

/**
 * What identifies a claim's content: its id already hashes the sentence and its paragraph; add what it cites
 * and where (cheaper than serialising the whole claim on every keystroke).
 */
function claimKey(claim: ClaimText): string {
  return `${claim.id}\u0000${claim.citedWorkIds.join(',')}\u0000${(claim.citations ?? []).map((g) => `${g.offset}:${g.workIds.join(',')}`).join(';')}\u0000${claim.headingPath.join('>')}`;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function clipText(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max).replace(/\s+\S*$/, '')}…`;
}

/** Folds topic-fit hints into the `orphaned-reference` problems of the same list items. */
export function mergeOrphanFits(problems: Problem[], hints: Problem[]): Problem[] {
  const rest: Problem[] = [];
  for (const hint of hints) {
    if (hint.code !== 'orphaned-reference') {
      rest.push(hint);
      continue;
    }
    const number = (hint.data as { number: number }).number;
    const orphan = problems.find((p) => p.code === 'orphaned-reference' && (p.data as { number?: number } | undefined)?.number === number);
    if (!orphan) continue;
    orphan.message = orphan.message.replace(/ Cite it where.*$/, '') + hint.message;
    orphan.related = [...(orphan.related ?? []), ...(hint.related ?? [])];
    orphan.data = { ...(orphan.data as object), ...(hint.data as object) };
  }
  return rest;
}
