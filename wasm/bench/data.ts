// Exact ground truth and recall for the engine benchmark. The data comes from the bench app's
// clustered generator (apps/bench/src/data/synthetic.ts), so both benchmarks draw the same numbers.

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
