// Exact k nearest neighbours by brute force, in plain Float64 loops written apart from every
// engine under test (no wasm, no engine code): the reference every recall figure is measured
// against. Ties go to the smaller row. Metrics as Milvus defines them: L2 = squared distance
// (smaller is closer), COSINE = cosine similarity (larger is closer).
import type { Progress } from '../progress.js';

/** The metrics the benchmark datasets use. */
export type Metric = 'L2' | 'COSINE';

/** Exact top-k row ids for each query (row-major `nq × k`); rows where `allowed[row] === 0` are skipped. */
export function exactTopK(metric: Metric, base: Float32Array, queries: Float32Array, dim: number, k: number, allowed?: Uint8Array, bar?: Progress): Int32Array {
  const n = base.length / dim;
  const nq = queries.length / dim;
  const out = new Int32Array(nq * k).fill(-1);
  const invNorm = new Float64Array(n).fill(1);
  if (metric === 'COSINE') {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += base[i * dim + d] * base[i * dim + d];
      invNorm[i] = s > 0 ? 1 / Math.sqrt(s) : 0;
    }
  }
  const q = new Float64Array(dim);
  const bestScore = new Float64Array(k);
  const bestRow = new Int32Array(k);
  for (let qi = 0; qi < nq; qi++) {
    for (let d = 0; d < dim; d++) q[d] = queries[qi * dim + d];
    // Scores are "larger is better" here: -distance for L2, similarity for COSINE.
    bestScore.fill(-Infinity);
    bestRow.fill(-1);
    for (let i = 0; i < n; i++) {
      if (allowed !== undefined && allowed[i] === 0) continue;
      const o = i * dim;
      let s = 0;
      if (metric === 'L2') {
        for (let d = 0; d < dim; d++) {
          const t = base[o + d] - q[d];
          s += t * t;
        }
        s = -s;
      } else {
        for (let d = 0; d < dim; d++) s += base[o + d] * q[d];
        s *= invNorm[i]; // the query's norm is the same for every row: it does not change the order
      }
      if (s <= bestScore[k - 1]) continue; // strictly better only: an equal score keeps the smaller row
      let j = k - 1;
      while (j > 0 && s > bestScore[j - 1]) {
        bestScore[j] = bestScore[j - 1];
        bestRow[j] = bestRow[j - 1];
        j--;
      }
      bestScore[j] = s;
      bestRow[j] = i;
    }
    out.set(bestRow, qi * k);
    bar?.tick();
  }
  return out;
}

/**
 * Mean recall@k over the first `count` queries: the fraction of each query's true k nearest
 * (fewer when fewer rows are allowed) found among the ids the engine returned for it.
 */
export function recallAt(found: Int32Array, truth: Int32Array, k: number, count: number): number {
  let hit = 0;
  let wanted = 0;
  const want = new Set<number>();
  for (let q = 0; q < count; q++) {
    want.clear();
    for (let j = 0; j < k; j++) if (truth[q * k + j] >= 0) want.add(truth[q * k + j]);
    wanted += want.size;
    // delete(): an id the engine returned twice counts once.
    for (let j = 0; j < k; j++) if (want.delete(found[q * k + j])) hit++;
  }
  return wanted === 0 ? 1 : hit / wanted;
}
