/**
 * The topic-fit part of a citation hover (product.md §4–5): how well the hovered work fits the claim it is
 * attached to, read from `analysis.fits` (computed by the analysis, never recomputed here).
 *
 * @example Hovering `[18]` in "… anatomically consistent images[18]." adds
 *   Topic fit with this claim: **0.02** — low (threshold 0.07). Shared terms: none.
 *   Claim is about diffusion models, medical image synthesis; the work is about GDPR, automated decisions.
 */
import type { Analysis, Resolution } from '../analysis';
import { calibrationFor } from '../topicFit/calibration';
import type { Fit } from '../topicFit/fit';
import { DEFAULT_THRESHOLD } from '../topicFit/threshold';
import type { HoverSection } from './hover';

/** How many terms of the claim and of the work a hover names. */
const LISTED_TERMS = 4;

export interface TopicFitHoverOptions {
  /** The current `citelens.topicFit.threshold` (read per hover, so a settings change shows at once). */
  threshold?: () => number;
}

/** A hover section showing the topic fit of the hovered citation item; nothing elsewhere or without a fit. */
export function topicFitHoverSection(options: TopicFitHoverOptions = {}): HoverSection {
  return ({ analysis, resolution }) => {
    if (!resolution) return null;
    const fit = fitOf(analysis, resolution);
    if (!fit) return null;
    // The editor shows a diagnostic in the same hover: an off-topic warning on this item already says what each
    // side is about and which works fit better, so the hover adds only the score line (issue 16 item 6), and
    // names no phrases (naming them loads the part-of-speech tagger).
    const uri = analysis.files[resolution.file]?.uri;
    const span = resolution.item.span;
    const warned = analysis.diagnostics.some((d) => d.code === 'off-topic-citation' && d.uri === uri && d.span.start <= span.start && span.end <= d.span.end);
    return describeFit(fit, options.threshold?.() ?? DEFAULT_THRESHOLD, warned);
  };
}

/** The fit of one resolution (by identity; `analysis.fits` is aligned with `analysis.resolutions`). */
export function fitOf(analysis: Analysis, resolution: Resolution): Fit | null {
  const i = analysis.resolutions.indexOf(resolution);
  return i >= 0 ? analysis.fits?.[i] ?? null : null;
}

/**
 * A fit in the author's words (Markdown): score and verdict, shared terms, what each side is about (noun phrases
 * of the sentence and of the work, topicFit/phrases.ts). `scoreOnly`: the first line alone.
 */
export function describeFit(fit: Fit, threshold: number, scoreOnly = false): string {
  if (!fit.judgeable) {
    if (fit.reason === 'title-written-apart') return 'Topic fit: not judged — the work is known by its title only, written in another language than the manuscript and its other works.';
    if (fit.reason === 'written-apart') {
      return "Topic fit: not judged in this manuscript — its sentences and its works share almost no words (written in different languages?), and topic fit compares words.";
    }
    return fit.reason === 'claim-too-short'
      ? 'Topic fit: Too little text in this sentence to judge the topic fit.'
      : 'Topic fit: Too little text to judge the topic fit (a short title and no abstract).';
  }
  const score = fit.score.toFixed(2);
  // The threshold of the fit's evidence (topicFit/calibration.ts): a title-only work has its own.
  const bar = fit.evidence === 'abstract' ? calibrationFor(threshold).abstract.score : calibrationFor(threshold).title.score;
  const verdict = fit.score < bar ? `low (threshold ${bar.toFixed(2)}${fit.evidence === 'title' ? ' for a title-only work' : ''})` : fit.score < Math.max(2 * bar, 0.15) ? 'fair' : 'good';
  const shared = fit.sharedTerms.length ? fit.sharedTerms.slice(0, LISTED_TERMS).map(md).join(', ') : 'none';
  const lines = [`Topic fit with this claim: **${score}** — ${verdict}. Shared terms: ${shared}.`];
  if (scoreOnly) return lines[0];
  const about: string[] = [];
  if (fit.claimTerms.length) about.push(`Claim is about ${terms(fit.claimTerms)}`);
  if (fit.workTerms.length) about.push(`${about.length ? 'the' : 'The'} work is about ${terms(fit.workTerms)}`);
  if (about.length) lines.push(`${about.join('; ')}.`);
  // How it was judged (topicFit/calibration.ts): the evidence, the paragraph's second opinion, what vetoed a flag.
  const judged = [fit.evidence === 'abstract' ? 'Judged on title and abstract' : 'Judged on the title only (no abstract: a low fit is information, not a warning)'];
  if (fit.paragraphScore !== fit.score) judged.push(`paragraph fit ${fit.paragraphScore.toFixed(2)}`);
  if (fit.citedElsewhereInParagraph) judged.push('cited again in this paragraph, so not flagged');
  if (fit.namedInClaim) judged.push(`the sentence names ${md(fit.namedInClaim)}, so not flagged`);
  lines.push(`${judged.join('; ')}.`);
  return lines.join('  \n');
}

function terms(list: string[]): string {
  return list.slice(0, LISTED_TERMS).map(md).join(', ');
}

/** Escapes Markdown punctuation that would change the rendering of terms taken from titles and prose. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}
