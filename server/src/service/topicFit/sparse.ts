/**
 * Sparse vectors as two parallel typed arrays (ids ascending, values): compact, fast to walk, and joinable
 * by merging, which is what term vectors of a few dozen entries out of tens of thousands need.
 */
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

/** Dot product by merging the two id lists. */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) dot += a.values[i++] * b.values[j++];
    else if (x < y) i++;
    else j++;
  }
  return dot;
}
