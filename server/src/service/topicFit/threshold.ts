/**
 * The default `citelens.topicFit.threshold`: a judgeable citation of a work with an abstract whose fit score is
 * below it (and whose paragraph fits the work poorly too) gets `off-topic-citation`; the title-only rule scales
 * with it (see `calibration.ts`, where the decision and its fitted parameters live).
 *
 * 0.07 is the fitted score threshold for works with an abstract on the seven evaluation manuscripts (largest swap
 * recall with at most 0.5 warnings per 100 citations on each; docs/topic-fit.md, `npm run eval`).
 */
export const DEFAULT_THRESHOLD = 0.07;
