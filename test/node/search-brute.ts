// Ground truth for the search tests (test/node/search-*.test.ts): a seeded data generator and an
// exact brute-force scan in plain JS loops, written independently of the engine. Vectors are
// rounded to float32 when generated, so what the engine stores is exactly what is scanned here;
// distances are computed in float64. Milvus's conventions: L2 is the squared distance (smaller is
// better), IP and COSINE are similarities (larger is better).
import { expect } from 'vitest';
import { gauss, rng, type Scored, type Vec } from '@quiver/core/testing';

export { before, bruteAll, closeTo as close, distance, gauss, inWindow, randomVectors, rng } from '@quiver/core/testing';
export type { Metric, Scored, Vec } from '@quiver/core/testing';
export { expectExact } from '@quiver/core/testing/search';
export type { SearchHit as Hit } from '@quiver/core/testing/search';

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
