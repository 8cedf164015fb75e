// Ground-truth building blocks of the search tests (the shared search suite and
// test/node/search-*.test.ts): a seeded generator and Milvus's distances in plain float64 loops,
// written apart from the engine. Vectors are rounded to float32 when generated, so what the
// engine stores is exactly what is scanned. L2 is the squared distance (smaller is better); IP
// and COSINE are similarities (larger is better).

export type Metric = 'L2' | 'IP' | 'COSINE';
export type Vec = number[];

/** A seeded PRNG (mulberry32) giving floats in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample (Box-Muller). */
export function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** `n` vectors of `dim` independent N(0, 1) floats, rounded to float32. */
export function randomVectors(r: () => number, n: number, dim: number): Vec[] {
  return Array.from({ length: n }, () => Array.from({ length: dim }, () => Math.fround(gauss(r))));
}

/** The Milvus distance of two vectors, in float64. */
export function distance(metric: Metric, a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  if (metric === 'L2') {
    for (let i = 0; i < a.length; i++) {
      const d = a[i]! - b[i]!;
      s += d * d;
    }
    return s;
  }
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    s += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return metric === 'IP' ? s : s / Math.sqrt(aa * bb);
}

/** True when distance `a` ranks before `b`. */
export function before(metric: Metric, a: number, b: number): boolean {
  return metric === 'L2' ? a < b : a > b;
}

/** A row's id and its distance to a query. */
export interface Scored {
  readonly id: number;
  readonly d: number;
}

/** Every row scored against `q`, best first (ties by id, for determinism). */
export function bruteAll(metric: Metric, rows: ReadonlyArray<{ readonly id: number; readonly v: ArrayLike<number> }>, q: ArrayLike<number>): Scored[] {
  const out: Scored[] = [];
  for (const row of rows) out.push({ id: row.id, d: distance(metric, row.v, q) });
  out.sort((x, y) => (before(metric, x.d, y.d) ? -1 : before(metric, y.d, x.d) ? 1 : x.id - y.id));
  return out;
}

/** Milvus's range-search window: L2 `rangeFilter <= d < radius`; IP/COSINE `radius < d <= rangeFilter`. */
export function inWindow(metric: Metric, d: number, radius: number, rangeFilter: number): boolean {
  return metric === 'L2' ? d < radius && d >= rangeFilter : d > radius && d <= rangeFilter;
}

/** `|a - b|` within `rel` relative (absolute below magnitude 1). */
export function closeTo(a: number, b: number, rel = 1e-4): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));
}
