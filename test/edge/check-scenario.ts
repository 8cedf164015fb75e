// Node-side checks of a scenario run in another runtime: against a brute force computed here, and
// against the same scenario run in Node (one wasm module, one seed: identical answers).
import { expect } from 'vitest';
import { ErrorCode } from '../../packages/core/src/errors.js';
import { createWasmEngine } from '../../packages/core/src/index/engine.js';
import type { MetricType } from '../../packages/core/src/index/types.js';
import { exactSearch } from '../../packages/core/src/testing/exact-search.js';
import type { ScenarioInput, ScenarioOutput } from './scenario.js';

/** Seeded input: 2000 x 32 floats in 40 clusters, 12 queries, k 10, every 5th row allowed by the filter. */
export function scenarioInput(): ScenarioInput {
  let a = 12345;
  const r = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const dim = 32;
  const centers = Array.from({ length: 40 }, () => Array.from({ length: dim }, () => r() * 2 - 1));
  const point = () => {
    const c = centers[Math.floor(r() * 40)]!;
    return c.map((x) => x + (r() - 0.5) * 0.6);
  };
  const base = Array.from({ length: 2000 }, point).flat();
  const queries = Array.from({ length: 12 }, point).flat();
  const filterRows = Array.from({ length: 400 }, (_, i) => i * 5);
  return { dim, base: Array.from(Float32Array.from(base)), queries: Array.from(Float32Array.from(queries)), k: 10, filterRows };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(b));

/** Asserts everything about `out` (from another runtime); `reference` is the same scenario run in Node. */
export async function checkScenario(input: ScenarioInput, out: ScenarioOutput, reference: ScenarioOutput): Promise<void> {
  const { dim } = input;
  const queries = Array.from({ length: input.queries.length / dim }, (_, i) => input.queries.slice(i * dim, (i + 1) * dim));
  const allowed = new Set(input.filterRows);
  for (const metric of ['L2', 'IP', 'COSINE'] as MetricType[]) {
    let hit = 0;
    let hitFiltered = 0;
    queries.forEach((q, qi) => {
      const exact = exactSearch(input.base, dim, q, input.k, metric);
      const exactFiltered = exactSearch(input.base, dim, q, input.k, metric, (r) => allowed.has(r));
      // FLAT and the block scan are exact.
      for (const [name, want] of [
        [`flat-${metric}`, exact],
        [`scan-${metric}`, exactFiltered],
      ] as const) {
        const got = out.results[name]![qi]!;
        expect(got.ids, `${name} query ${qi}`).toEqual(want.ids);
        got.distances.forEach((d, i) => expect(close(d, want.dists[i]!), `${name} query ${qi} distance ${i}`).toBe(true));
      }
      // HNSW: only allowed rows under the filter; recall counted below.
      const h = out.results[`hnsw-${metric}`]![qi]!;
      const hf = out.results[`hnsw-${metric}-filtered`]![qi]!;
      for (const id of hf.ids) expect(allowed.has(id)).toBe(true);
      const truth = new Set(exact.ids);
      const truthFiltered = new Set(exactFiltered.ids);
      hit += h.ids.filter((id) => truth.has(id)).length;
      hitFiltered += hf.ids.filter((id) => truthFiltered.has(id)).length;
    });
    expect(hit / (queries.length * input.k), `hnsw-${metric} recall@10`).toBeGreaterThanOrEqual(0.95);
    expect(hitFiltered / (queries.length * input.k), `hnsw-${metric}-filtered recall@10`).toBeGreaterThanOrEqual(0.95);
  }
  // The same module and seed in another runtime builds the same graph: identical answers and bytes.
  expect(out.results).toEqual(reference.results);
  expect(out.hnswBlobBase64).toBe(reference.hnswBlobBase64);
  // And the index it serialized loads here and answers as it did there.
  const engine = await createWasmEngine((await import('node:fs')).readFileSync(new URL('../../packages/core/wasm/quiver-hnsw.wasm', import.meta.url)));
  const loaded = engine.loadIndex(Buffer.from(out.hnswBlobBase64, 'base64'), 'from-runtime.qidx');
  queries.forEach((q, qi) => {
    const r = loaded.search(Float32Array.from(q), input.k, { ef: 64 });
    expect(Array.from(r.ids)).toEqual(out.results['hnsw-L2']![qi]!.ids);
  });
  // A refused call (NaN in the query) and a good call after it.
  expect(out.badCall?.code).toBe(ErrorCode.InvalidParameter);
  expect(out.badCall?.message).toMatch(/query: NaN at position 1/);
  expect(out.afterBadCall).toEqual(reference.afterBadCall);
  // The loader leaves no trace on globalThis.
  expect(out.newGlobals).toEqual([]);
}
