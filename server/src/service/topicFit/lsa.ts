/**
 * Latent semantic analysis for topic fit: a truncated SVD of the term × document matrix of the manuscript's own
 * bibliography and citing sentences, so that words that occur together there ("container", "Docker",
 * "image") count as related even when a claim and a work share none of them literally.
 *
 * Hand-written because the matrices are small and sparse (≤ 5,000 works × ~30,000 terms) and no small,
 * maintained JS library does a sparse truncated SVD: the numeric packages found either densify the matrix
 * (5,000 × 30,000 doubles = 1.2 GB) or compute the full decomposition. Randomised subspace iteration (Halko,
 * Martinsson & Tropp 2011) needs only sparse products with the matrix and a small dense eigenproblem.
 */

import type { SparseVector } from './sparse';

/** A learnt latent space. */
export interface LsaSpace {
  /** Latent vector of each work, in the order passed. */
  works: Float64Array[];
  /** Projects a unit-length sparse term vector into the space. */
  foldIn(vector: SparseVector): Float64Array;
}

/**
 * Builds the space from unit-length sparse term vectors: `works` (whose latent vectors are returned) and
 * `extra` documents (citing sentences) that only help learn which terms go together.
 */
export function buildLsa(
  works: SparseVector[],
  extra: SparseVector[],
  nTerms: number,
  dimensions: number,
  seed = 1,
): LsaSpace {
  const docs = [...works, ...extra];
  const nDocs = docs.length;
  const k = Math.max(1, Math.min(dimensions, nDocs - 1, nTerms - 1));
  const l = Math.max(1, Math.min(k + 10, nDocs, nTerms));
  const random = mulberry32(seed);

  // Blocks of l vectors are stored interleaved (row-major: entry i of vector j at i * l + j), so one pass over
  // the sparse matrix updates all l vectors with contiguous memory access.
  const times = (x: Float64Array): Float64Array => {
    const y = new Float64Array(nTerms * l);
    for (let d = 0; d < nDocs; d++) {
      const { ids, values } = docs[d];
      const xo = d * l;
      for (let e = 0; e < ids.length; e++) {
        const yo = ids[e] * l;
        const v = values[e];
        for (let j = 0; j < l; j++) y[yo + j] += v * x[xo + j];
      }
    }
    return y;
  };
  const timesT = (y: Float64Array): Float64Array => {
    const x = new Float64Array(nDocs * l);
    for (let d = 0; d < nDocs; d++) {
      const { ids, values } = docs[d];
      const xo = d * l;
      for (let e = 0; e < ids.length; e++) {
        const yo = ids[e] * l;
        const v = values[e];
        for (let j = 0; j < l; j++) x[xo + j] += v * y[yo + j];
      }
    }
    return x;
  };

  const omega = Float64Array.from({ length: nDocs * l }, () => random() * 2 - 1);
  let q = orthonormalise(times(omega), nTerms, l);
  // Two power iterations sharpen the spectrum enough for a topic space (Halko et al. recommend 1–2).
  for (let iteration = 0; iteration < 2; iteration++) {
    q = orthonormalise(times(orthonormalise(timesT(q), nDocs, l)), nTerms, l);
  }
  // B = Qᵀ A (l × nDocs); A's left singular vectors are Q · eigenvectors of B Bᵀ.
  const b = timesT(q);
  const bbt: number[][] = Array.from({ length: l }, () => new Array<number>(l).fill(0));
  for (let d = 0; d < nDocs; d++) {
    const o = d * l;
    for (let i = 0; i < l; i++) for (let j = i; j < l; j++) bbt[i][j] += b[o + i] * b[o + j];
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) bbt[i][j] = bbt[j][i];
  const { values, vectors } = jacobiEigen(bbt);
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0]).slice(0, k).map(([, i]) => i);
  // Basis term-major too: term t's k coordinates at t * k.
  const basis = new Float64Array(nTerms * k);
  for (let t = 0; t < nTerms; t++) {
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = 0; j < l; j++) sum += q[t * l + j] * vectors[j][order[c]];
      basis[t * k + c] = sum;
    }
  }

  const foldIn = (vector: SparseVector): Float64Array => {
    const out = new Float64Array(k);
    for (let e = 0; e < vector.ids.length; e++) {
      const t = vector.ids[e];
      if (t >= nTerms) continue;
      const v = vector.values[e];
      for (let c = 0; c < k; c++) out[c] += basis[t * k + c] * v;
    }
    return out;
  };
  return { works: works.map(foldIn), foldIn };
}

/** Modified Gram–Schmidt on the l interleaved columns of an n × l block; collapsed columns become zero. */
function orthonormalise(block: Float64Array, n: number, l: number): Float64Array {
  for (let j = 0; j < l; j++) {
    for (let p = 0; p < j; p++) {
      let c = 0;
      for (let i = 0; i < n; i++) c += block[i * l + j] * block[i * l + p];
      for (let i = 0; i < n; i++) block[i * l + j] -= c * block[i * l + p];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += block[i * l + j] ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) block[i * l + j] = norm > 1e-10 ? block[i * l + j] / norm : 0;
  }
  return block;
}



/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations; vectors are columns. */
function jacobiEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let r = p + 1; r < n; r++) {
        if (Math.abs(a[p][r]) < 1e-300) continue;
        const theta = (a[r][r] - a[p][p]) / (2 * a[p][r]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akr = a[k][r];
          a[k][p] = c * akp - s * akr;
          a[k][r] = s * akp + c * akr;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const ark = a[r][k];
          a[p][k] = c * apk - s * ark;
          a[r][k] = s * apk + c * ark;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkr = v[k][r];
          v[k][p] = c * vkp - s * vkr;
          v[k][r] = s * vkp + c * vkr;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]), vectors: v };
}

/** Small deterministic PRNG, so models (and tests) are reproducible. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
