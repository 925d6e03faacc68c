/** The bench's inputs are the same on every run: one seeded generator, shared with the topic model. */
export { seededRandom } from '../../server/src/service/util/seededRandom';

/** `count` distinct indices below `n`, in ascending order, chosen with `random`. */
export function sampleIndices(n: number, count: number, random: () => number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, n)) chosen.add(Math.floor(random() * n));
  return [...chosen].sort((a, b) => a - b);
}
