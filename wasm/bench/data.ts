// Seeded synthetic data for the benchmarks: Gaussian clusters whose points vary mostly along a few
// directions per cluster (real embeddings have a low intrinsic dimension), plus exact ground truth.

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample (Box–Muller). */
export function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** `n` clustered vectors of `dim` floats, row-major; `n + queries` rows are drawn, the last `queries` returned apart. */
export function clustered(seed: number, n: number, queries: number, dim: number, clusters = 64, spread = 8): { base: Float32Array; queries: Float32Array } {
  const r = rng(seed);
  const centers = Array.from({ length: clusters }, () => Float64Array.from({ length: dim }, () => gauss(r) * 4));
  const axes = Array.from({ length: clusters }, () => Array.from({ length: spread }, () => Float64Array.from({ length: dim }, () => gauss(r))));
  const all = new Float32Array((n + queries) * dim);
  for (let i = 0; i < n + queries; i++) {
    const c = Math.floor(r() * clusters);
    const w = Array.from({ length: spread }, () => gauss(r));
    for (let d = 0; d < dim; d++) {
      let x = centers[c]![d]! + 0.05 * gauss(r);
      for (let s = 0; s < spread; s++) x += w[s]! * axes[c]![s]![d]! * 0.5;
      all[i * dim + d] = x;
    }
  }
  return { base: all.subarray(0, n * dim), queries: all.subarray(n * dim) };
}

/** Exact k nearest rows by squared L2 for each query (Float64 arithmetic). */
export function groundTruthL2(base: Float32Array, queries: Float32Array, dim: number, k: number): Int32Array[] {
  const n = base.length / dim;
  const out: Int32Array[] = [];
  for (let q = 0; q < queries.length / dim; q++) {
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) {
        const t = base[i * dim + j]! - queries[q * dim + j]!;
        s += t * t;
      }
      d[i] = s;
    }
    const idx = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => d[a]! - d[b]! || a - b);
    out.push(idx.slice(0, k));
  }
  return out;
}

/** Mean fraction of the true k nearest found. */
export function recall(found: ArrayLike<number>[], truth: Int32Array[]): number {
  let hit = 0;
  let total = 0;
  for (let q = 0; q < truth.length; q++) {
    const t = new Set(truth[q]);
    for (let i = 0; i < found[q]!.length; i++) if (t.has(found[q]![i]!)) hit++;
    total += truth[q]!.length;
  }
  return hit / total;
}
