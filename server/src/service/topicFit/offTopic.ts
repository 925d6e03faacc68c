/**
 * The `off-topic-citation` check: every cited work scored against its claim, flagged below the threshold with
 * the model's explanation and better fits. Results are kept per (claim, work, threshold) in the model's state,
 * so a keystroke re-scores only the sentence it changed; the fits go to `Analysis.fits` for hovers and the CLI.
 */
import type { Analysis, Resolution } from '../analysis';
import { calibrationFor, isOffTopic, pointingWord } from './calibration';
import type { AnalysisClaims } from './citingClaims';
import type { Fit } from './fit';
import type { CachedResult, EntryLinks, FitSuggestion, ModelState, WorkInfo } from './topicFitCache';
import type { OffTopicFit } from '../problems/catalog/topicFit';
import { problem } from '../problems/problem';
import type { Problem, RelatedLocation, Span } from '../types';
import { shortTitle } from './explanation';

/** Below this score a fit's paragraph score and vetoes are computed (above it no calibration flags). */
const LOW_SCORE = 0.5;

/** How long one analysis scores citations not scored before, in a host that can pause (see `offTopicCitations`). */
const SCORING_SLICE_MS = 10;

/**
 * Scores each resolution's work against its claim with `state.model`, filling `fits` (aligned with
 * `analysis.resolutions`), and returns the `off-topic-citation` problems. With `sliced` (a host that can pause
 * and a large review), it scores for at most SCORING_SLICE_MS: the first pass over a large review (a thousand
 * citations, each flagged one with suggestions) takes 0.1–0.2 s. What is left is scored by the next analysis,
 * which the host runs after its turn (`unfinished`); scored results are kept. (A small review is scored at
 * once: its first publication is then complete.)
 */
export function offTopicCitations(
  analysis: Analysis,
  state: ModelState,
  byId: Map<string, WorkInfo>,
  { pendingOf, workIdOfResolution }: AnalysisClaims,
  threshold: number,
  sliced: boolean,
  fits: (Fit | null)[],
): { problems: Problem<'off-topic-citation'>[]; unfinished: boolean } {
  const { model, results } = state;
  const problems: Problem<'off-topic-citation'>[] = [];
  const resolutions = analysis.resolutions;
  const deadline = sliced ? performance.now() + SCORING_SLICE_MS : Infinity;
  let unfinished = false;
  const locations = new WorkLocations(analysis, state);
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
    // A fit reads the other sentences citing the work (the citing-sentence profile): kept per set of their texts,
    // so a fit whose work's citing sentences are as they were (an edit elsewhere in their paragraphs, an undo)
    // is found again.
    // The citers key is compared as it is (the model hands out the same string): testing the result key's end
    // built a string per citation per keystroke.
    const citers = model.citersKey(id);
    let made = variant.resultKeys.get(id);
    if (made === undefined || made.citers !== citers) {
      variant.resultKeys.set(id, (made = { key: `${state.claims.get(pending.claim.id)}\u0000${id}\u0000${threshold}\u0000${citers}`, citers }));
    }
    const key = made.key;
    let cached = results.get(key);
    if (!cached) {
      if (performance.now() > deadline) {
        unfinished = true;
        continue;
      }
      const result = model.score(pending.claim.id, id);
      // The second opinion and the vetoes only matter for a low score (every threshold is far below 0.5).
      const low = result.judgeable && result.score < LOW_SCORE;
      // A narrative citation ("@smith2020 showed…", rendered "Smith et al. showed…") names the work as an author
      // naming it would: the author means this work. So does a bracketed one after a pointing word ("cited by
      // [5]": Pandoc's numeric rendering of "cited by @a").
      const named = low ? (r.item.mode === 'AuthorInText' ? r.item.ref : pointedAt(analysis, r) ?? result.namedInClaim) : undefined;
      const values = {
        score: result.score,
        judgeable: result.judgeable,
        sharedTerms: result.sharedTerms,
        reason: result.reason || undefined,
        evidence: result.evidence,
        paragraphScore: low ? result.paragraphScore : result.score,
        citedElsewhereInParagraph: low && result.citedElsewhereInParagraph,
        namedInClaim: named,
      };
      const fit: Omit<Fit, 'claim'> = lazyFit(values, result, NO_SPAN);
      let flag: CachedResult['flag'] = null;
      if (isOffTopic(values, calibrationFor(threshold))) {
        const claimId = pending.claim.id;
        const suggestions: FitSuggestion[] = model.betterFits(claimId, id, 3, { threshold, replacing: id }).map((s) => {
          const w = byId.get(s.workId)!;
          const shared = model.score(claimId, s.workId, { replacing: id }).sharedTerms.slice(0, 3);
          const why = `Better fit ${w.label} "${shortTitle(w.title)}": ${s.score.toFixed(2)} with this claim (the cited work: ${result.score.toFixed(2)})${shared.length ? `; shares ${shared.join(', ')}` : ''}.`;
          return { label: w.label, ref: w.ref, score: s.score, title: w.title, why };
        });
        const message = model.explain(claimId, id, (w) => byId.get(w)?.label ?? w, { threshold, replacing: id });
        flag = { message, suggestions, reasoning: reasoningOf(byId.get(id)!, fit) };
      }
      cached = { fit, flag };
      results.set(key, cached);
    }
    // Fits are read-only: one whose claim has not moved is handed out again.
    fits[i] = cached.last?.claim === pending.span ? cached.last : (cached.last = withClaim(cached.fit, pending.span));
    if (!cached.flag) continue;
    problems.push(offTopicProblem(cached, r, analysis, locations));
  }
  return { problems, unfinished };
}

/**
 * The `off-topic-citation` problem of a cached result at this citation: the one handed out last time while the
 * citation has not moved (so the diagnostic built from it, and what the host derives from that, are reused),
 * else a new one sharing the message, data and related locations (the same array while the works' locations are
 * the same, so a host can reuse what it made of them when a problem only moved).
 */
function offTopicProblem(cached: CachedResult, r: Resolution, analysis: Analysis, locations: WorkLocations): Problem<'off-topic-citation'> {
  const flag = cached.flag!;
  const uri = analysis.files[r.file].uri;
  const span = r.item.span;
  const style = r.item.kind === 'number' ? 'numeric' : 'pandoc';
  const related = relatedOf(cached, r, analysis, locations);
  const last = cached.problem;
  if (last && last.span.start === span.start && last.span.end === span.end && last.uri === uri && last.facts.fit.style === style && (last.related ?? NONE) === related) return last;
  // Kept small (every keystroke publishes it): the quick fix looks the suggested works' titles up itself.
  const fit: OffTopicFit = last && last.facts.fit.style === style
    ? last.facts.fit
    : { score: round3(cached.fit.score), evidence: cached.fit.evidence, suggestions: flag.suggestions.map((x) => ({ ref: x.ref, score: round3(x.score) })), style };
  return (cached.problem = problem('off-topic-citation', uri, span, { explanation: flag.message, fit }, related.length ? related : undefined));
}

const NONE: RelatedLocation[] = [];

/**
 * The full reasoning of a flag (the message keeps to 200 characters): at the cited work's entry, its score,
 * the evidence it was judged on, the paragraph's second opinion and what each side is about; at each better
 * fit's entry, why it fits better. Entries not found (a work known only by its list item) are left out. The
 * array made last time for this result while every location is the same (compared, not rebuilt: a keystroke
 * asks again for every flagged citation).
 */
function relatedOf(cached: CachedResult, r: Resolution, analysis: Analysis, locations: WorkLocations): RelatedLocation[] {
  const flag = cached.flag!;
  // Every location read from BibTeX entries that are where they were (see `WorkLocations.links`): nothing to
  // compare.
  if (cached.related && cached.relatedFrom === locations.links() && r.entry) return cached.related;
  const own = r.entry ? { uri: r.entry.uri, span: r.entry.keySpan } : r.reference ? locations.reference(r.reference.number) : null;
  const first = own ?? { uri: analysis.files[r.file].uri, span: r.item.span };
  // Each location looked up once, compared with the array made last time while they agree, then built from there.
  const last = cached.related;
  let related: RelatedLocation[] | null = null;
  let n = 0;
  // k = -1: the cited work; then its better fits (those with a reason and a location).
  for (let k = -1; k < flag.suggestions.length; k++) {
    const s = k < 0 ? null : flag.suggestions[k];
    const message = s ? s.why : flag.reasoning;
    const at = s ? (s.why ? locations.work(s.ref) : null) : first;
    if (!at || !message) continue;
    if (!related) {
      if (last && n < last.length && last[n].message === message && sameLocation(last[n], at)) {
        n++;
        continue;
      }
      related = last ? last.slice(0, n) : [];
    }
    related.push({ uri: at.uri, span: at.span, message });
  }
  const fromEntries = !!r.entry && flag.suggestions.every((s) => !s.why || locations.atEntry(s.ref));
  cached.relatedFrom = fromEntries ? locations.links() : undefined;
  if (!related && last && n === last.length) return last;
  return (cached.related = related ?? last!.slice(0, n));
}

function sameLocation(a: RelatedLocation, b: { uri: string; span: Span }): boolean {
  return a.uri === b.uri && a.span.start === b.span.start && a.span.end === b.span.end;
}

/**
 * Where works are defined in this analysis: their BibTeX entries, else reference-list items (numbers looked up
 * once). A numbered work linked to an entry is shown at its entry, as the cited work is: where its abstract is, and
 * a place that stays put while the author types above the list (the item's offsets move on every keystroke, and
 * with them every warning's related information).
 */
class WorkLocations {
  /** Per number, its first list item's location and the entry it links to (null: none, the item is shown). */
  private numbers: Map<number, { uri: string; span: Span; entry: object | null }> | null = null;
  private linksSeen: EntryLinks | null = null;

  constructor(
    private readonly analysis: Analysis,
    private readonly state: ModelState,
  ) {}

  /** A suggested work's location: its BibTeX key, else its reference-list item (`ref` is a key or a number). */
  work(ref: string): { uri: string; span: Span } | null {
    const entry = this.analysis.entriesByKey.get(ref);
    if (entry) return { uri: entry.uri, span: entry.keySpan };
    return /^\d+$/.test(ref) ? this.reference(Number(ref)) : null;
  }

  /** True when the work `ref` is shown at a BibTeX entry (a key, or a number whose list item links to one). */
  atEntry(ref: string): boolean {
    if (this.analysis.entriesByKey.has(ref)) return true;
    return /^\d+$/.test(ref) && !!this.byNumber().get(Number(ref))?.entry;
  }

  /** The work numbered `n`: the entry its first reference-list item links to, else that item. */
  reference(n: number | null): { uri: string; span: Span } | null {
    return n === null ? null : this.byNumber().get(n) ?? null;
  }

  /**
   * The same object from one analysis to the next while the entry index and the entry each number links to are
   * the same: then a location read from an entry is where it was (a numeric review's warnings all point at entries,
   * and ~850 of them asked again on every keystroke). Kept in the model's state, one per service.
   */
  links(): EntryLinks {
    if (this.linksSeen) return this.linksSeen;
    const numbers = this.byNumber();
    const last = this.state.entryLinks;
    let same = !!last && last.entriesByKey === this.analysis.entriesByKey && last.entries.length === numbers.size;
    if (same) {
      let i = 0;
      for (const [n, at] of numbers) {
        if (last!.numbers[i] !== n || last!.entries[i] !== at.entry) {
          same = false;
          break;
        }
        i++;
      }
    }
    if (same) return (this.linksSeen = last!);
    const made: EntryLinks = { entriesByKey: this.analysis.entriesByKey, numbers: [], entries: [] };
    for (const [n, at] of numbers) {
      made.numbers.push(n);
      made.entries.push(at.entry);
    }
    return (this.linksSeen = this.state.entryLinks = made);
  }

  private byNumber(): Map<number, { uri: string; span: Span; entry: object | null }> {
    if (!this.numbers) {
      this.numbers = new Map();
      for (const { item, entry, file } of this.analysis.references) {
        if (item.number === null || this.numbers.has(item.number)) continue;
        this.numbers.set(item.number, entry ? { uri: entry.uri, span: entry.keySpan, entry } : { uri: this.analysis.files[file].uri, span: item.numberSpan, entry: null });
      }
    }
    return this.numbers;
  }
}

/** The cited work's side of the reasoning. */
function reasoningOf(work: WorkInfo, fit: Omit<Fit, 'claim'>): string {
  const evidence = fit.evidence === 'abstract' ? 'title and abstract' : 'title only (no abstract in the bibliography: weak evidence, so information)';
  const shared = fit.sharedTerms.length ? `shares ${fit.sharedTerms.slice(0, 4).join(', ')}` : 'shares no word with the claim';
  const about = [fit.claimTerms.length ? `the sentence is about ${fit.claimTerms.join(', ')}` : '', fit.workTerms.length ? `the work is about ${fit.workTerms.join(', ')}` : ''].filter(Boolean).join('; ');
  return `${work.label} "${shortTitle(work.title)}": fit ${fit.score.toFixed(2)} with the sentence, ${fit.paragraphScore.toFixed(2)} with its paragraph; judged on ${evidence}; ${shared}${about ? `; ${about}` : ''}.`;
}

/** A cached fit at its claim's span. */
function withClaim(f: Omit<Fit, 'claim'>, claim: Span): Fit {
  return lazyFit(f, f, claim);
}

/** The span of no claim: a cached fit's, which is handed out only at its claim (`withClaim`). */
const NO_SPAN: Span = { start: 0, end: 0 };

/**
 * A fit whose phrases (`claimTerms`, `workTerms`) are read from `terms` only when read: a message, a hover,
 * `reasoningOf`. Naming them loads the part-of-speech tagger (nounPhrases.ts), which neither start-up nor a
 * keystroke over unflagged citations should pay for. Built field by field: a spread was measurably slower (and
 * would read the phrases).
 */
function lazyFit(v: Omit<Fit, 'claim' | 'claimTerms' | 'workTerms'>, terms: Pick<Fit, 'claimTerms' | 'workTerms'>, claim: Span): Fit {
  const fit: Fit = {
    score: v.score,
    judgeable: v.judgeable,
    sharedTerms: v.sharedTerms,
    get claimTerms() {
      return terms.claimTerms;
    },
    get workTerms() {
      return terms.workTerms;
    },
    claim,
    evidence: v.evidence,
    paragraphScore: v.paragraphScore,
    citedElsewhereInParagraph: v.citedElsewhereInParagraph,
  };
  if (v.reason !== undefined) fit.reason = v.reason;
  if (v.namedInClaim !== undefined) fit.namedInClaim = v.namedInClaim;
  return fit;
}

/** The pointing word before a bracketed citation ("cited by [5]"), as `namedInClaim` reports it: `by [5]`. */
function pointedAt(analysis: Analysis, r: Resolution): string | undefined {
  const text = analysis.files[r.file].text;
  const start = r.citation.span.start;
  if (text[start] !== '[') return undefined;
  const word = pointingWord(text.slice(Math.max(0, start - 24), start));
  return word === undefined ? undefined : `${word} ${text.slice(start, Math.min(r.citation.span.end, start + 40))}`;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
