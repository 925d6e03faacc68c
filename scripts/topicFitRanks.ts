/**
 * Rank helpers for the two-way percentile, an alternative to coverage that the evaluation measures
 * (scripts/topicFitVariants.ts; not part of the shipped model): where a raw score falls among a claim's scores
 * for all works (a row) and among all claims' scores for one work (a column). Zeros (no shared term) are not
 * stored: a distribution is its non-zero values, sorted, plus the total count.
 */
import { lowerBound, upperBound } from '../server/src/service/util/search';

/**
 * Rows with more non-zero values than this are kept as a sample of this many (every n-th value in work order,
 * which is unrelated to the values), so building a model never sorts thousands of values per claim. The rank
 * error of a sample of 512 is at most about 2 % (binomial standard error at the median), less in the tails.
 */
export const SKETCH_SIZE = 512;

/** Non-zero values of a row, sorted: all of them, or an evenly spaced sample of them when there are many. */
export interface RankSketch {
  /** Sorted values (all non-zero values, or a sample of them). */
  points: Float64Array;
  /** How many non-zero values the points stand for. */
  nonZero: number;
}

/** A sketch of the non-zero values `values` (which may be reordered). */
export function sketchOf(values: Float64Array): RankSketch {
  if (values.length <= SKETCH_SIZE) return { points: values.sort(), nonZero: values.length };
  const points = new Float64Array(SKETCH_SIZE);
  const step = values.length / SKETCH_SIZE;
  for (let i = 0; i < SKETCH_SIZE; i++) points[i] = values[Math.floor(i * step)];
  return { points: points.sort(), nonZero: values.length };
}

/**
 * Mid-rank percentile of `value` (> 0) among `total` values whose non-zero ones `sorted` describes (the rest
 * are zero, below it). `nonZero` = how many non-zero values `sorted` stands for (its length when exact).
 */
export function percentile(sorted: ArrayLike<number>, length: number, nonZero: number, value: number, total: number): number {
  if (total <= 0 || length === 0) return total > 0 ? 1 : 0;
  const lo = lowerBound(sorted, value, length);
  const hi = upperBound(sorted, value, length);
  const rank = ((lo + 0.5 * (hi - lo)) / length) * nonZero;
  return Math.min(1, (total - nonZero + rank) / total);
}

/** A growable sorted array of doubles (one per work: every claim unit's non-zero score for it). */
export class SortedColumn {
  values = new Float64Array(4);
  length = 0;

  /** Appends without keeping order (bulk loading); call `sort` afterwards. */
  push(v: number): void {
    this.grow();
    this.values[this.length++] = v;
  }

  sort(): void {
    this.values.subarray(0, this.length).sort();
  }

  insert(v: number): void {
    this.grow();
    const i = upperBound(this.values, v, this.length);
    this.values.copyWithin(i + 1, i, this.length);
    this.values[i] = v;
    this.length++;
  }

  /** Removes one occurrence of `v` (present by construction: the same computation produced it). */
  remove(v: number): void {
    const i = lowerBound(this.values, v, this.length);
    if (i < this.length && this.values[i] === v) {
      this.values.copyWithin(i, i + 1, this.length);
      this.length--;
    }
  }

  private grow(): void {
    if (this.length < this.values.length) return;
    const bigger = new Float64Array(this.values.length * 2);
    bigger.set(this.values);
    this.values = bigger;
  }
}
