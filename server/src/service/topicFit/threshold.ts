/**
 * The default `citelens.topicFit.threshold`: a citation whose fit score is below it gets `off-topic-citation`.
 * Chosen in docs/topic-fit.md (`npm run eval`) as a false-alarm bound: the largest score below which at most
 * 5 % of the works authors actually cited fall, on each evaluation manuscript.
 */
export const DEFAULT_THRESHOLD = 0.5;
