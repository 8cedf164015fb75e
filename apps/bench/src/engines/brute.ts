// Brute force in plain TypeScript: what an application would write without a library (one
// Float32Array, a loop per query, a k-slot insertion list). The denominator of every "× brute"
// ratio. (The ground truth is computed elsewhere, in data/truth.ts, in Float64.)
import type { Dataset } from '../data/dataset.js';
import { type Engine, normalized, type RowFilter } from './types.js';

/** Exact scan over unit rows (COSINE: dot product of normalized vectors) or squared L2. */
export function bruteForce(): Engine {
  let base: Float32Array = new Float32Array(0);
  let queries: Float32Array = new Float32Array(0);
  let dim = 0;
  let n = 0;
  let l2 = false;
  return {
    name: 'brute force (TypeScript loop)',
    family: 'baseline',
    algorithm: 'exact scan',
    efMode: 'none',
    async: false,
    notes: ['a plain loop over one Float32Array per query; COSINE rows normalized once up front'],
    async build(ds: Dataset) {
      const t0 = performance.now();
      l2 = ds.metric === 'L2';
      base = l2 ? ds.base : normalized(ds.base, ds.dim);
      queries = l2 ? ds.queries : normalized(ds.queries, ds.dim);
      dim = ds.dim;
      n = ds.n;
      return { buildMs: performance.now() - t0, indexBytes: base.byteLength, bytesNote: 'the vectors themselves' };
    },
    search(q: number, k: number, _ef: number, filter?: RowFilter) {
      return l2 ? scanL2(base, queries, dim, n, q, k, filter?.mask) : scanDot(base, queries, dim, n, q, k, filter?.mask);
    },
    dispose() {
      base = new Float32Array(0);
    },
  };
}

// One function per metric, with everything in locals and parameters, so the hot loop is what a
// careful hand-written scan is (no closure-variable loads, no metric branch per row).

function insert(ids: Int32Array, best: Float64Array, k: number, s: number, i: number): void {
  let j = k - 1;
  while (j > 0 && s > best[j - 1]) {
    best[j] = best[j - 1];
    ids[j] = ids[j - 1];
    j--;
  }
  best[j] = s;
  ids[j] = i;
}

function scanDot(base: Float32Array, queries: Float32Array, dim: number, n: number, q: number, k: number, mask: Uint8Array | undefined): Int32Array {
  const ids = new Int32Array(k).fill(-1);
  const best = new Float64Array(k).fill(-Infinity);
  const qo = q * dim;
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const o = i * dim;
    let s = 0;
    for (let d = 0; d < dim; d++) s += base[o + d] * queries[qo + d];
    if (s > best[k - 1]) insert(ids, best, k, s, i);
  }
  return ids;
}

function scanL2(base: Float32Array, queries: Float32Array, dim: number, n: number, q: number, k: number, mask: Uint8Array | undefined): Int32Array {
  const ids = new Int32Array(k).fill(-1);
  const best = new Float64Array(k).fill(-Infinity);
  const qo = q * dim;
  for (let i = 0; i < n; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const o = i * dim;
    let s = 0;
    for (let d = 0; d < dim; d++) {
      const t = base[o + d] - queries[qo + d];
      s -= t * t;
    }
    if (s > best[k - 1]) insert(ids, best, k, s, i);
  }
  return ids;
}
