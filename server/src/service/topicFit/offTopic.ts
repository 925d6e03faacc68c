/**
 * The `off-topic-citation` check: every cited work scored against its claim, flagged below the threshold with
 * the model's explanation and better fits. Results are kept per (claim, work, threshold) in the model's state,
 * so a keystroke re-scores only the sentence it changed; the fits go to `Analysis.fits` for hovers and the CLI.
 */
import type { Analysis, Resolution } from '../analysis';
import { calibrationFor, isOffTopic } from './calibration';
import type { AnalysisClaims } from './citingClaims';
import type { Fit } from './fit';
import type { CachedResult, FitSuggestion, ModelState, WorkInfo } from './topicFitCache';
import type { OffTopicFit } from '../problems/catalog/topicFit';
import { problem } from '../problems/problem';
import type { Problem, Span } from '../types';

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
    if (key === undefined) variant.resultKeys.set(id, (key = `${state.claims.get(pending.claim.id)}\u0000${id}\u0000${threshold}`));
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
      // naming it would: the author means this work.
      const named = low ? (r.item.mode === 'AuthorInText' ? r.item.ref : result.namedInClaim) : undefined;
      const fit: Omit<Fit, 'claim'> = {
        score: result.score,
        judgeable: result.judgeable,
        sharedTerms: result.sharedTerms,
        claimTerms: result.claimTerms,
        workTerms: result.workTerms,
        ...(result.reason ? { reason: result.reason } : {}),
        evidence: result.evidence,
        paragraphScore: low ? result.paragraphScore : result.score,
        citedElsewhereInParagraph: low && result.citedElsewhereInParagraph,
        ...(named !== undefined ? { namedInClaim: named } : {}),
      };
      let flag: { message: string; suggestions: FitSuggestion[] } | null = null;
      if (isOffTopic({ ...fit, namedInClaim: named }, calibrationFor(threshold))) {
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
  return { problems, unfinished };
}

/**
 * The `off-topic-citation` problem of a cached result at this citation: the one handed out last time while the
 * citation has not moved (so the diagnostic built from it, and what the host derives from that, are reused),
 * else a new one sharing the message and data.
 */
function offTopicProblem(cached: CachedResult, r: Resolution, uri: string): Problem<'off-topic-citation'> {
  const flag = cached.flag!;
  const span = r.item.span;
  const style = r.item.kind === 'number' ? 'numeric' : 'pandoc';
  const last = cached.problem;
  if (last && last.span.start === span.start && last.span.end === span.end && last.uri === uri && last.facts.fit.style === style) return last;
  // Kept small (every keystroke publishes it): the quick fix looks the suggested works' titles up itself.
  const fit: OffTopicFit = last && last.facts.fit.style === style
    ? last.facts.fit
    : { score: round3(cached.fit.score), evidence: cached.fit.evidence, suggestions: flag.suggestions.map((x) => ({ ref: x.ref, score: round3(x.score) })), style };
  return (cached.problem = problem('off-topic-citation', uri, span, { explanation: flag.message, fit }));
}

/** A cached fit at its claim's span (built field by field: a spread of the cached object was measurably slower). */
function withClaim(f: Omit<Fit, 'claim'>, claim: Span): Fit {
  const fit: Fit = { score: f.score, judgeable: f.judgeable, sharedTerms: f.sharedTerms, claimTerms: f.claimTerms, workTerms: f.workTerms, claim, evidence: f.evidence, paragraphScore: f.paragraphScore, citedElsewhereInParagraph: f.citedElsewhereInParagraph };
  if (f.reason !== undefined) fit.reason = f.reason;
  if (f.namedInClaim !== undefined) fit.namedInClaim = f.namedInClaim;
  return fit;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
