/**
 * The fit of a cited work with its claim, as an analysis carries it (`Analysis.fits`) for hovers, `citelens
 * citations` and quick fixes. Its own module, importing nothing above the core's types, so that `analysis.ts`
 * can name it without depending on the topic-fit step that computes it.
 */
import type { Span } from '../types';

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
  /** What the work's text gives to judge by: an abstract (or keywords), or only a title. */
  evidence: 'abstract' | 'title';
  /** The work's score against the claim's paragraph (the second opinion); the score itself when that is not low. */
  paragraphScore: number;
  /** Another sentence of the paragraph cites the work too (then it is not flagged). */
  citedElsewhereInParagraph: boolean;
  /** A name in the sentence pointing at the work (first author, distinctive name); then it is not flagged. */
  namedInClaim?: string;
}
