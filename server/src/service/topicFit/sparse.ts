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
  const entries = [...map].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
  const ids = Int32Array.from(entries, (e) => e[0]);
  const values = Float64Array.from(entries, (e) => e[1]);
  if (unitLength) {
    let norm = 0;
    for (const v of values) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < values.length; i++) values[i] /= norm;
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
