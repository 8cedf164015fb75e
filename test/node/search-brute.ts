// Ground truth for the search tests (test/node/search-*.test.ts): a seeded data generator and an
// exact brute-force scan in plain JS loops, written independently of the engine. Vectors are
// rounded to float32 when generated, so what the engine stores is exactly what is scanned here;
// distances are computed in float64. Milvus's conventions: L2 is the squared distance (smaller is
// better), IP and COSINE are similarities (larger is better).
import { expect } from 'vitest';
import { before, distance, gauss, rng, type Metric, type Vec } from '@quiver/core/testing';

export { before, distance, gauss, randomVectors, rng } from '@quiver/core/testing';
export type { Metric, Vec } from '@quiver/core/testing';

/**
 * A clustered set like real embeddings: `clusters` gaussian centres N(0, I); each point is a random
 * centre plus noise whose standard deviation decays over the dimensions (spread / sqrt(1 + d)), so
 * most of the variance lies in a few directions (low intrinsic dimension). Queries are drawn the
 * same way but are not in the set. Everything is float32-exact.
 */
export function clusteredSet(seed: number, n: number, nq: number, dim: number, clusters = 50, spread = 0.5): { data: Vec[]; queries: Vec[] } {
  const r = rng(seed);
  const centres = Array.from({ length: clusters }, () => Array.from({ length: dim }, () => gauss(r)));
  const point = (): Vec => {
    const c = centres[Math.floor(r() * clusters)]!;
    return c.map((x, d) => Math.fround(x + (spread * gauss(r)) / Math.sqrt(1 + d)));
  };
  const data = Array.from({ length: n }, point);
  const queries = Array.from({ length: nq }, point);
  return { data, queries };
}

export interface Scored {
  readonly id: number;
  readonly d: number;
}

/** Every candidate scored against `q`, best first (ties by id, for determinism). */
export function bruteAll(metric: Metric, rows: ReadonlyArray<{ id: number; v: ArrayLike<number> }>, q: ArrayLike<number>): Scored[] {
  const out: Scored[] = [];
  for (const row of rows) out.push({ id: row.id, d: distance(metric, row.v, q) });
  out.sort((x, y) => (before(metric, x.d, y.d) ? -1 : before(metric, y.d, x.d) ? 1 : x.id - y.id));
  return out;
}

/** Whether a distance is in Milvus's range-search window (L2: rangeFilter <= d < radius; IP/COSINE: radius < d <= rangeFilter). */
export function inWindow(metric: Metric, d: number, radius: number, rangeFilter: number): boolean {
  return metric === 'L2' ? d < radius && d >= rangeFilter : d > radius && d <= rangeFilter;
}

/** `|a - b|` within 1e-4 relative (absolute below magnitude 1). */
export function close(a: number, b: number, rel = 1e-4): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));
}

export interface Hit {
  readonly id: number;
  readonly distance: number;
  readonly [k: string]: unknown;
}

/**
 * Asserts that `got` is exactly `want` (the expected slice of `full`, best first): same length,
 * distances within 1e-4 relative, and the same ids position by position — except that where the
 * exact scan has near-ties (closer than float32 can tell apart), any id of the tie is accepted.
 */
export function expectExact(got: readonly Hit[], want: readonly Scored[], full: readonly Scored[], label = ''): void {
  expect(got.length, `${label}: number of hits`).toBe(want.length);
  const seen = new Set<number>();
  got.forEach((h, i) => {
    const w = want[i]!;
    expect(close(h.distance, w.d), `${label}: hit ${i} distance ${h.distance} vs ${w.d}`).toBe(true);
    expect(seen.has(h.id), `${label}: id ${h.id} twice`).toBe(false);
    seen.add(h.id);
    if (h.id !== w.id) {
      const tie = full.filter((s) => Math.abs(s.d - w.d) <= 1e-6 * Math.max(1, Math.abs(w.d))).map((s) => s.id);
      expect(tie, `${label}: hit ${i} is id ${h.id}, want ${w.id} (d=${w.d})`).toContain(h.id);
    }
  });
}

/** recall@k of `got` ids against the exact top-k ids. */
export function recall(got: ReadonlyArray<{ id: number }>, truth: readonly Scored[]): number {
  const g = new Set(got.map((h) => h.id));
  return truth.filter((s) => g.has(s.id)).length / truth.length;
}

/** Splits a multi-vector search answer by `topks`. */
export function splitByTopks<T>(data: readonly T[], topks: readonly number[] | undefined, nq: number): T[][] {
  if (nq === 1) return [data.slice()];
  expect(topks, 'topks of a multi-vector search').toBeDefined();
  expect(topks!.length).toBe(nq);
  expect(topks!.reduce((a, b) => a + b, 0)).toBe(data.length);
  const out: T[][] = [];
  let at = 0;
  for (const k of topks!) {
    out.push(data.slice(at, at + k));
    at += k;
  }
  return out;
}

/** Row batches of at most `size` for insert. */
export function batches<T>(rows: readonly T[], size = 5000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
