/**
 * Step 5, topic fit. Takes the resolved manuscript (step 3) and the problems found so far (steps 1–4); gives the
 * topic fit of each citation, the `off-topic-citation` problems, and — while a large bibliography's topic model
 * is built in the background (hosts that can pause) — the promise of its end. Its placement hints for orphaned
 * list items are folded into the `orphaned-reference` problems already found (`mergeOrphanFits`).
 */
import type { Analysis, ResolvedManuscript } from '../analysis';
import type { Fit } from '../topicFit/fit';
import { mergeOrphanFits } from '../topicFit/mergeOrphanFits';
import { topicFit } from '../topicFit/topicFitStep';
import type { Problem } from '../types';
import type { ServiceContext } from './context';

export interface TopicFitResult {
  /** Same order as the resolutions; null where there is nothing to judge. */
  fits: (Fit | null)[];
  /** Problems to add: those not folded into an orphaned-reference problem. */
  problems: Problem[];
  pending?: Promise<void>;
}

export function fitTopics(ctx: ServiceContext, manuscript: ResolvedManuscript, problems: Problem[]): TopicFitResult {
  const { workspace, pause } = ctx;
  // Topic learning is background work: its slices wait while the host publishes (`Workspace.backgroundPause`).
  const background = workspace.backgroundPause ? () => workspace.backgroundPause!() : pause;
  const host = pause && { pause: background!, progress: workspace.progress?.bind(workspace), learnTopics: workspace.learnTopics };
  // `topicFit` reads only the resolved manuscript; it is typed with the `Analysis` it becomes part of.
  const resolved: Analysis = { ...manuscript, fits: [], diagnostics: [] };
  // A rehearsal (`CitelensService.rehearse`) scores with the model kept for the same works, or not at all: its text
  // never starts reading works or building a model, and never waits for one being read, built or edited.
  const cache = ctx.state.topicFit;
  if (ctx.rehearsed && (!cache.state || cache.reading || cache.building || cache.editing)) return { fits: manuscript.resolutions.map(() => null), problems: [] };
  const fit = topicFit(resolved, ctx.state.settings, cache, host, !!ctx.rehearsed);
  mergeOrphanFits(problems, fit.orphanFits);
  return { fits: fit.fits, problems: fit.problems, pending: fit.pending };
}
