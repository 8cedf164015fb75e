// Shared by the QueryNode pool tests (test/browser/querynode-pool.test.ts, Web Workers;
// test/node/querynode-threads.test.ts, worker threads): seeded vectors and the exact top-k they
// are checked against, written here independently of the engine.

/** `n` vectors of `dim` floats in [-1, 1) from a Park–Miller generator, float32-exact. */
export function parkMillerVectors(n: number, dim: number, seed: number): number[][] {
  let s = seed;
  return Array.from({ length: n }, () =>
    Array.from({ length: dim }, () => {
      s = (s * 16807) % 2147483647;
      return Math.fround((s / 2147483647) * 2 - 1);
    }),
  );
}

/** The ids (row numbers) of the `k` nearest `alive` rows of `data` to `q` by squared L2, nearest first, ties by id. */
export function bruteL2(data: readonly number[][], q: readonly number[], k: number, alive: (id: number) => boolean): number[] {
  return data
    .map((v, id) => ({ id, d: v.reduce((acc, x, j) => acc + (x - q[j]!) ** 2, 0) }))
    .filter((h) => alive(h.id))
    .sort((a, b) => a.d - b.d || a.id - b.id)
    .slice(0, k)
    .map((h) => h.id);
}
