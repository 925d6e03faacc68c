/**
 * The row of topic fit's check (`topicFit/offTopic.ts`): a cited work that does not fit the claim citing it.
 * (Topic fit's other finding, the claims an orphaned list item would fit, is part of `orphaned-reference`.)
 */
import { check } from './check';

/** What the "replace by a better fit" quick fix reads: the fit, the works that fit better, the citation style. */
export interface OffTopicFit {
  score: number;
  /** What the work's text gave to judge by: an abstract (or keywords), or only a title (then `information`). */
  evidence: 'abstract' | 'title';
  /** How the text would cite each (a number or a key), with its fit; best first. */
  suggestions: { ref: string; score: number }[];
  style: 'numeric' | 'pandoc';
}

/**
 * What `off-topic-citation` found: the model's explanation of the poor fit (what the claim and the work are
 * about, and which works fit better), worded by the model (`topicFit/explanation.ts`), which alone knows the
 * terms it compared; and the fit.
 */
export interface OffTopicCitation {
  explanation: string;
  fit: OffTopicFit;
}

export const offTopicCitation = check<OffTopicCitation, OffTopicFit>({
  severity: 'warning',
  summary: 'the cited work does not fit the topic of its claim nor of its paragraph (below `citelens.topicFit.threshold`, default 0.07); information, not a warning, for a work with a title only; says what each is about and names a clearly better fit',
  setting: 'A cited work that does not fit the topic of its claim.',
  weaker: (f) => f.fit.evidence === 'title',
  message: (f) => f.explanation,
  data: (f) => f.fit,
});
