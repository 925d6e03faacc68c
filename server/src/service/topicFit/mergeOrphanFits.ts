/**
 * Folds orphan placement's findings (orphanPlacement.ts) into the numbering check's `orphaned-reference` problems
 * of the same list items: each such problem is made again from its own facts and the claims the work would fit,
 * so its message names those claims instead of the generic advice (the table of checks words both).
 */
import { problem } from '../problems/problem';
import type { Problem } from '../types';
import type { OrphanFit } from './orphanPlacement';

/** Replaces, in `problems`, the `orphaned-reference` problem of each placed list item by one naming its fits. */
export function mergeOrphanFits(problems: Problem[], placements: readonly OrphanFit[]): void {
  for (const placement of placements) {
    for (let i = 0; i < problems.length; i++) {
      const orphan = problems[i];
      if (orphan.code !== 'orphaned-reference' || orphan.facts.kind !== 'list-item' || orphan.facts.number !== placement.number) continue;
      problems[i] = problem('orphaned-reference', orphan.uri, orphan.span, { ...orphan.facts, fits: placement.fits }, placement.related);
      break;
    }
  }
}
