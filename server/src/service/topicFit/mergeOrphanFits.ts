/**
 * Folds orphan placement's hints (orphanPlacement.ts) into the numbering check's `orphaned-reference` problems
 * of the same list items: the placement replaces the check's generic advice. Its own module so that it can be
 * rewritten on its own (to compose the message from typed data rather than by rewriting text).
 */
import type { Problem } from '../types';

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
