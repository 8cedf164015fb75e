// Seeded synthetic data: Gaussian clusters whose points vary mostly along a few directions per
// cluster (real embeddings have a low intrinsic dimension), with every parameter exposed. The wasm
// engine's own benchmark (wasm/bench/hnsw-vs-native.ts) draws its data here too.
import { rng } from '../suite.js';

/** A standard normal sample (Box–Muller). */
export function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** Parameters of the clustered generator. */
export interface ClusteredSpec {
  readonly seed: number;
  /** Base vectors. */
  readonly n: number;
  /** Query vectors, drawn the same way after the base ones (not in the base set). */
  readonly nq: number;
  readonly dim: number;
  /** Number of cluster centres (N(0, 16 I)). */
  readonly clusters: number;
  /** Directions each cluster varies along. */
  readonly spread: number;
}

/** `n + nq` clustered vectors of `dim` floats, row-major; the last `nq` returned apart as queries. */
export function clustered(spec: ClusteredSpec): { base: Float32Array; queries: Float32Array } {
  const { seed, n, nq, dim, clusters, spread } = spec;
  const r = rng(seed);
  const centers = Array.from({ length: clusters }, () => Float64Array.from({ length: dim }, () => gauss(r) * 4));
  const axes = Array.from({ length: clusters }, () => Array.from({ length: spread }, () => Float64Array.from({ length: dim }, () => gauss(r))));
  const all = new Float32Array((n + nq) * dim);
  const w = new Float64Array(spread);
  for (let i = 0; i < n + nq; i++) {
    const c = Math.floor(r() * clusters);
    for (let s = 0; s < spread; s++) w[s] = gauss(r);
    for (let d = 0; d < dim; d++) {
      let x = centers[c][d] + 0.05 * gauss(r);
      for (let s = 0; s < spread; s++) x += w[s] * axes[c][s][d] * 0.5;
      all[i * dim + d] = x;
    }
  }
  return { base: all.subarray(0, n * dim), queries: all.subarray(n * dim) };
}
