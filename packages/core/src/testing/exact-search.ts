import type { MetricType } from '../index/types.js';

/** The exact answer to one search: row ids best first, and their distances. */
export interface ExactHits {
  readonly ids: number[];
  readonly dists: number[];
}

/**
 * The reference the index tests check against: every allowed row of `base` (row-major, `dim`
 * floats a row, numbered from `firstRow`) scored against `q` in float64 in plain loops written
 * apart from the engine, sorted best first (ties: the smaller row), the first `k`. L2 is the
 * squared distance (smaller is better); IP and COSINE are similarities (larger is better).
 */
export function exactSearch(base: ArrayLike<number>, dim: number, q: ArrayLike<number>, k: number, metric: MetricType, allowed: (row: number) => boolean = () => true, firstRow = 0): ExactHits {
  let qq = 0;
  for (let j = 0; j < dim; j++) qq += q[j]! * q[j]!;
  const qn = Math.sqrt(qq);
  const scored: Array<[number, number]> = [];
  for (let i = 0; i < base.length / dim; i++) {
    const row = firstRow + i;
    if (!allowed(row)) continue;
    let dot = 0;
    let l2 = 0;
    let vn = 0;
    for (let j = 0; j < dim; j++) {
      const x = base[i * dim + j]!;
      dot += x * q[j]!;
      l2 += (x - q[j]!) ** 2;
      vn += x * x;
    }
    scored.push([row, metric === 'L2' ? l2 : metric === 'IP' ? dot : dot / (Math.sqrt(vn) * qn)]);
  }
  scored.sort((a, b) => (metric === 'L2' ? a[1] - b[1] : b[1] - a[1]) || a[0] - b[0]);
  const top = scored.slice(0, k);
  return { ids: top.map((s) => s[0]), dists: top.map((s) => s[1]) };
}
