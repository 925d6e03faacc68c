/**
 * Latent semantic analysis for topic fit: a truncated SVD of the term × document matrix of the manuscript's own
 * bibliography and citing sentences, so that words that occur together there ("container", "Docker",
 * "image") count as related even when a claim and a work share none of them literally.
 *
 * Hand-written because the matrix is sparse and only a few dozen singular vectors are needed: the usual JS
 * choice, `ml-matrix`, offers a dense, full SVD only (6,000 terms × 5,850 documents dense = 280 MB, and minutes
 * of work). Randomised subspace iteration (Halko, Martinsson & Tropp 2011) needs only sparse products with the
 * matrix, a QR of thin blocks and a small dense eigenproblem.
 */

import { seededRandom } from '../util/seededRandom';
import { runSteps, type Steps } from '../slices';
import type { SparseVector } from './sparse';

/**
 * Subspace iterations. With 4, the random start still showed in the eval's AUC (±0.003 between seeds); from 6
 * on, seeds agree within 0.001 and 8 or 20 give the same numbers (docs/topic-fit.md).
 */
const POWER_ITERATIONS = 6;
/** Documents the space is learnt from, at most (see `lsaSteps`); the eval sets have a few hundred. */
const MAX_LEARNING_DOCS = 6000;
/** Documents (or rows) between two yields of the sliced build. */
const STEP = 256;
const MAX_TERMS = 6000;

/** A learnt latent space. */
export interface LsaSpace {
  /** Latent vector of each work, in the order passed. */
  works: Float64Array[];
  /** The space as plain data (it may cross to another thread); {@link folder} projects vectors into it. */
  basis: LsaBasis;
}

/** The space's basis: term t (of the caller's ids, below `nTermsIn`) has coordinates basis[compact[t]·k …] when compact[t] ≥ 0. */
export interface LsaBasis {
  basis: Float64Array;
  compact: Int32Array;
  nTermsIn: number;
  k: number;
}

/**
 * Builds the space from unit-length sparse term vectors: `works` (whose latent vectors are returned) and
 * `extra` documents (citing sentences) that only help learn which terms go together.
 */
export function buildLsa(
  works: SparseVector[],
  extra: SparseVector[],
  nTermsIn: number,
  dimensions: number,
  seed = 1,
): LsaSpace {
  return runSteps(lsaSteps(works, extra, nTermsIn, dimensions, seed));
}

/** {@link buildLsa} as steps that yield every few hundred documents (see `slices.ts`). */
export function* lsaSteps(
  works: SparseVector[],
  extra: SparseVector[],
  nTermsIn: number,
  dimensions: number,
  seed = 1,
  /** Where the works' latent vectors are stored (e.g. views of a shared buffer); default: arrays of their own. */
  allocate: (n: number) => Float64Array = (n) => new Float64Array(n),
): Steps<LsaSpace> {
  // Terms in fewer than two documents carry no co-occurrence information: leave them out (most of a
  // vocabulary occurs once), renumbering the rest compactly.
  const counts = new Int32Array(nTermsIn);
  // The space is learnt from at most MAX_LEARNING_DOCS documents: every citing sentence and an evenly spaced
  // sample of the works; every work is then folded in. A 20,000-entry library learns from 6,000 of its
  // entries: the topics are the same, the build is ~3× faster and its blocks ~3× smaller.
  const every = Math.max(1, Math.ceil(works.length / Math.max(1, MAX_LEARNING_DOCS - extra.length)));
  const all = [...(every > 1 ? works.filter((_, i) => i % every === 0) : works), ...extra];
  for (let d = 0; d < all.length; d++) {
    if (d % STEP === STEP - 1) yield;
    const ids = all[d].ids;
    for (let e = 0; e < ids.length; e++) if (ids[e] < nTermsIn) counts[ids[e]]++;
  }
  // Beyond MAX_TERMS terms, the rarer ones go too: topics are carried by words many documents share, and the
  // cost of each iteration grows with the vocabulary.
  let minCount = 2;
  if (nTermsIn > MAX_TERMS) {
    const sorted = Int32Array.from(counts).sort();
    minCount = Math.max(2, sorted[nTermsIn - MAX_TERMS]);
  }
  const compact = new Int32Array(nTermsIn).fill(-1);
  let nTerms = 0;
  for (let t = 0; t < nTermsIn; t++) if (counts[t] >= minCount && nTerms < MAX_TERMS) compact[t] = nTerms++;
  const project = (v: SparseVector): SparseVector => {
    let n = 0;
    for (let e = 0; e < v.ids.length; e++) if (v.ids[e] < nTermsIn && compact[v.ids[e]] >= 0) n++;
    const ids = new Int32Array(n);
    const values = new Float64Array(n);
    for (let e = 0, o = 0; e < v.ids.length; e++) {
      const t = v.ids[e] < nTermsIn ? compact[v.ids[e]] : -1;
      if (t < 0) continue;
      ids[o] = t;
      values[o++] = v.values[e];
    }
    return { ids, values };
  };
  const docs: SparseVector[] = [];
  for (const doc of all) {
    if (docs.length % STEP === STEP - 1) yield;
    docs.push(project(doc));
  }
  const nDocs = docs.length;
  if (nTerms < 2 || nDocs < 2) {
    const none: LsaBasis = { basis: new Float64Array(0), compact: new Int32Array(0), nTermsIn: 0, k: 0 };
    return { works: works.map(() => new Float64Array(0)), basis: none };
  }
  const k = Math.max(1, Math.min(dimensions, nDocs - 1, nTerms - 1));
  // Oversampling and power iterations make the subspace accurate enough that the random start does not
  // show in the scores (measured on the eval sets: with k + 10 columns and 2 iterations the AUC moved by ±0.01
  // between seeds; with 2k + 10 columns and 4 iterations by ±0.003, with 6 by ±0.001).
  const l = Math.max(1, Math.min(2 * k + 10, nDocs, nTerms));
  const random = seededRandom(seed);

  // Blocks of l vectors are stored interleaved (row-major: entry i of vector j at i * l + j), so one pass over
  // the sparse matrix updates all l vectors with contiguous memory access.
  // One term-sized and one document-sized block, reused by every product: each product's input is the other
  // block, so they never alias. (A fresh block per product left up to a dozen 14 MB blocks for the garbage
  // collector at 20,000 works, and the process's memory at its peak.)
  const termBlock = new Float64Array(nTerms * l);
  const docBlock = new Float64Array(nDocs * l);
  function* times(x: Float64Array): Steps<Float64Array> {
    const y = termBlock.fill(0);
    for (let d = 0; d < nDocs; d++) {
      if (d % STEP === STEP - 1) yield;
      const { ids, values } = docs[d];
      const xo = d * l;
      for (let e = 0; e < ids.length; e++) {
        const yo = ids[e] * l;
        const v = values[e];
        for (let j = 0; j < l; j++) y[yo + j] += v * x[xo + j];
      }
    }
    return y;
  }
  function* timesT(y: Float64Array): Steps<Float64Array> {
    const x = docBlock.fill(0);
    for (let d = 0; d < nDocs; d++) {
      if (d % STEP === STEP - 1) yield;
      const { ids, values } = docs[d];
      const xo = d * l;
      for (let e = 0; e < ids.length; e++) {
        const yo = ids[e] * l;
        const v = values[e];
        for (let j = 0; j < l; j++) x[xo + j] += v * y[yo + j];
      }
    }
    return x;
  }

  const omega = docBlock;
  for (let i = 0; i < omega.length; i++) {
    if (i % (STEP * 64) === 0) yield;
    omega[i] = random() * 2 - 1;
  }
  // Between power iterations one Cholesky QR pass keeps the block well conditioned; the final basis gets two.
  let q = yield* orthonormalise(yield* times(omega), nTerms, l, 1);
  for (let iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
    const last = iteration === POWER_ITERATIONS - 1;
    const p = yield* orthonormalise(yield* timesT(q), nDocs, l, 1);
    q = yield* orthonormalise(yield* times(p), nTerms, l, last ? 2 : 1);
  }
  // B = Qᵀ A (l × nDocs); A's left singular vectors are Q · eigenvectors of B Bᵀ.
  const b = yield* timesT(q);
  const bbt: number[][] = Array.from({ length: l }, () => new Array<number>(l).fill(0));
  for (let d = 0; d < nDocs; d++) {
    if (d % STEP === STEP - 1) yield;
    const o = d * l;
    for (let i = 0; i < l; i++) for (let j = i; j < l; j++) bbt[i][j] += b[o + i] * b[o + j];
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) bbt[i][j] = bbt[j][i];
  const { values, vectors } = yield* jacobiEigen(bbt);
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => y[0] - x[0]).slice(0, k).map(([, i]) => i);
  // Basis term-major too: term t's k coordinates at t * k.
  const basis = new Float64Array(nTerms * k);
  for (let t = 0; t < nTerms; t++) {
    if (t % STEP === STEP - 1) yield;
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let j = 0; j < l; j++) sum += q[t * l + j] * vectors[j][order[c]];
      basis[t * k + c] = sum;
    }
  }

  const space: LsaBasis = { basis, compact, nTermsIn, k };
  const foldIn = folder(space);
  // Works are folded in with their full vectors (terms outside the space simply do not project).
  const folded: Float64Array[] = [];
  for (const work of works) {
    if (folded.length % STEP === STEP - 1) yield;
    folded.push(foldIn(work, allocate(k)));
  }
  return { works: folded, basis: space };
}

/**
 * Projects sparse term vectors into the space. Made outside `lsaSteps` so that what the model keeps (this
 * closure) holds the basis only, not the build's 10–20 MB blocks and documents, which share that scope.
 */
export function folder({ basis, compact, nTermsIn, k }: LsaBasis): (vector: SparseVector, out?: Float64Array) => Float64Array {
  return (vector, out = new Float64Array(k)) => {
    for (let e = 0; e < vector.ids.length; e++) {
      const t = vector.ids[e] < nTermsIn ? compact[vector.ids[e]] : -1;
      if (t < 0) continue;
      const v = vector.values[e];
      for (let c = 0; c < k; c++) out[c] += basis[t * k + c] * v;
    }
    return out;
  };
}

/**
 * Orthonormalises the l interleaved columns of an n × l block in place. Cholesky QR (twice, CholQR2, for a final basis): its
 * passes walk the rows contiguously, which in JavaScript is several times faster than Gram–Schmidt's column
 * sweeps; a rank-deficient block (tiny corpora) falls back to modified Gram–Schmidt.
 */
function* orthonormalise(block: Float64Array, n: number, l: number, passes: number): Steps<Float64Array> {
  for (let pass = 0; pass < passes; pass++) {
    if (!(yield* choleskyQr(block, n, l))) return yield* gramSchmidt(block, n, l);
  }
  return block;
}

function* choleskyQr(block: Float64Array, n: number, l: number): Steps<boolean> {
  const g = new Float64Array(l * l);
  for (let i = 0; i < n; i++) {
    if (i % STEP === STEP - 1) yield;
    const o = i * l;
    for (let a = 0; a < l; a++) {
      const va = block[o + a];
      if (va === 0) continue;
      for (let b = a; b < l; b++) g[a * l + b] += va * block[o + b];
    }
  }
  // G = Rᵀ R with R upper triangular.
  const r = new Float64Array(l * l);
  for (let a = 0; a < l; a++) {
    let d = g[a * l + a];
    for (let k = 0; k < a; k++) d -= r[k * l + a] ** 2;
    if (!(d > 1e-12 * (g[a * l + a] || 1))) return false;
    const rd = Math.sqrt(d);
    r[a * l + a] = rd;
    for (let b = a + 1; b < l; b++) {
      let v = g[a * l + b];
      for (let k = 0; k < a; k++) v -= r[k * l + a] * r[k * l + b];
      r[a * l + b] = v / rd;
    }
  }
  // Each row x ← x R⁻¹ (forward substitution on xᵀ = Rᵀ yᵀ).
  const row = new Float64Array(l);
  for (let i = 0; i < n; i++) {
    if (i % STEP === STEP - 1) yield;
    const o = i * l;
    for (let b = 0; b < l; b++) {
      let v = block[o + b];
      for (let k = 0; k < b; k++) v -= row[k] * r[k * l + b];
      row[b] = v / r[b * l + b];
    }
    block.set(row, o);
  }
  return true;
}

/** Modified Gram–Schmidt; columns that collapse become zero. */
function* gramSchmidt(block: Float64Array, n: number, l: number): Steps<Float64Array> {
  for (let j = 0; j < l; j++) {
    yield;
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
function* jacobiEigen(matrix: number[][]): Steps<{ values: number[]; vectors: number[][] }> {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      if (p % 8 === 7) yield;
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

/** Σ a², for cosines. */
export function squaredNorm(a: Float64Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i] * a[i];
  return n;
}

/** Cosine of `a` and `b[offset … offset + a.length)` given their squared norms. */
export function cosineAt(a: Float64Array, na: number, b: Float64Array, offset: number, nb: number): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[offset + i];
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
