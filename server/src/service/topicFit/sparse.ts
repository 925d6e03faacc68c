/**
 * Sparse vectors as two parallel typed arrays (ids ascending, values): compact, fast to walk, and joinable
 * by merging, which is what term vectors of a few dozen entries out of tens of thousands need.
 */
import { partitionPoint } from '../util/search';

export interface SparseVector {
  ids: Int32Array;
  values: Float64Array;
}

/** A sparse vector from a map of id → value (zeros dropped), optionally scaled to unit length. */
export function sparseFromMap(map: ReadonlyMap<number, number>, unitLength = false): SparseVector {
  let n = 0;
  for (const v of map.values()) if (v !== 0) n++;
  const ids = new Int32Array(n);
  n = 0;
  for (const [id, v] of map) if (v !== 0) ids[n++] = id;
  ids.sort();
  const values = new Float64Array(ids.length);
  let norm = 0;
  for (let i = 0; i < ids.length; i++) {
    const v = map.get(ids[i]) ?? 0;
    values[i] = v;
    norm += v * v;
  }
  if (unitLength && norm > 0) {
    norm = Math.sqrt(norm);
    for (let i = 0; i < ids.length; i++) values[i] /= norm;
  }
  return { ids, values };
}

/**
 * Σ a·b over the ids both hold, by merging two ascending id runs: `aIds[aFrom … aTo)` with values `aValues`,
 * and likewise b. Runs may be slices of shared arrays (the topic model keeps every work's vector in one).
 */
export function mergeDot(
  aIds: Int32Array, aValues: Float64Array, aFrom: number, aTo: number,
  bIds: Int32Array, bValues: Float64Array, bFrom: number, bTo: number,
): number {
  let i = aFrom;
  let j = bFrom;
  let dot = 0;
  while (i < aTo && j < bTo) {
    const x = aIds[i];
    const y = bIds[j];
    if (x === y) dot += aValues[i++] * bValues[j++];
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** True when the ascending run `ids[from … to)` holds `id` (binary search). */
export function hasId(ids: Int32Array, from: number, to: number, id: number | undefined): boolean {
  if (id === undefined) return false;
  const at = partitionPoint(from, to, (i) => ids[i] >= id);
  return at < to && ids[at] === id;
}
