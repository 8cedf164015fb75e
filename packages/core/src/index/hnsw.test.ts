import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RowBitset } from './bitset.js';
import { createWasmEngine } from './engine.js';
import type { AnnEngine, AnnIndex } from './types.js';

const WASM = readFileSync(new URL('../../wasm/quiver-hnsw.wasm', import.meta.url));

// Seeded clustered data: 32 Gaussian clusters in 64 dims whose points vary along 16 directions of
// their own (embeddings have a low intrinsic dimension), plus a little isotropic noise.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function clustered(seed: number, count: number, dim: number): Float32Array {
  const r = rng(seed);
  const g = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const centers = Array.from({ length: 32 }, () => Array.from({ length: dim }, () => g() * 4));
  const axes = Array.from({ length: 32 }, () => Array.from({ length: 16 }, () => Array.from({ length: dim }, () => g())));
  const out = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const c = Math.floor(r() * 32);
    const w = Array.from({ length: 16 }, () => g());
    for (let d = 0; d < dim; d++) {
      let x = centers[c]![d]! + 0.05 * g();
      for (let s = 0; s < 16; s++) x += w[s]! * axes[c]![s]![d]! * 0.5;
      out[i * dim + d] = x;
    }
  }
  return out;
}

// Exact k nearest allowed rows by squared L2, in float64.
function bruteForce(base: Float32Array, dim: number, q: Float32Array, k: number, allowed: (row: number) => boolean): number[] {
  const best: Array<[number, number]> = [];
  for (let i = 0; i < base.length / dim; i++) {
    if (!allowed(i)) continue;
    let s = 0;
    for (let j = 0; j < dim; j++) s += (base[i * dim + j]! - q[j]!) ** 2;
    if (best.length < k || s < best[best.length - 1]![1]) {
      best.push([i, s]);
      best.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => b[0]);
}

const DIM = 64;
const N = 20_000;
const NQ = 100;
const K = 10;
const base = clustered(7, N + NQ, DIM);
const data = base.subarray(0, N * DIM);
const queries = Array.from({ length: NQ }, (_, i) => base.subarray((N + i) * DIM, (N + i + 1) * DIM));

function recallAt(index: AnnIndex, allowed: (row: number) => boolean, opts: Parameters<AnnIndex['search']>[2], check?: (row: number) => void): number {
  let hit = 0;
  let total = 0;
  for (const q of queries) {
    const truth = new Set(bruteForce(data, DIM, q, K, allowed));
    const got = index.search(q, K, opts);
    for (const id of got.ids) {
      check?.(id);
      if (truth.has(id)) hit++;
    }
    for (let i = 1; i < got.distances.length; i++) expect(got.distances[i]!).toBeGreaterThanOrEqual(got.distances[i - 1]!);
    total += truth.size;
  }
  return hit / total;
}

let engine: AnnEngine;
let index: AnnIndex;
beforeAll(async () => {
  engine = await createWasmEngine(WASM);
  // Milvus defaults (M 30, efConstruction 360), capacity left to grow on demand.
  index = engine.createIndex({ indexType: 'HNSW', dim: DIM, metric: 'L2', name: 'seg-1/hnsw' });
  index.add(data.subarray(0, 5000 * DIM), 0);
  index.add(data.subarray(5000 * DIM), 5000);
}, 120_000);

describe('HNSW index over 20k x 64 clustered vectors', () => {
  it('uses Milvus defaults and holds every row', () => {
    expect(index.params).toEqual({ M: 30, efConstruction: 360 });
    expect(index.size).toBe(N);
  });

  it('reaches recall@10 >= 0.95 at default search params (ef = max(k, 16))', () => {
    const r = recallAt(index, () => true, undefined);
    expect(r).toBeGreaterThanOrEqual(0.95);
  });

  for (const [label, fraction] of [
    ['1 %', 0.01],
    ['50 %', 0.5],
  ] as const) {
    for (const strategy of ['auto', 'graph'] as const) {
      it(`filtered at ${label} selectivity (${strategy}): recall@10 >= 0.95, only allowed rows`, () => {
        const r = rng(fraction * 1000 + 1);
        const filter = new RowBitset(N);
        for (let i = 0; i < N; i++) if (r() < fraction) filter.set(i);
        const rec = recallAt(index, (row) => filter.has(row), { filter, strategy }, (row) => expect(filter.has(row)).toBe(true));
        expect(rec).toBeGreaterThanOrEqual(0.95);
      });
    }
  }

  it('k above the allowed rows returns every allowed row, best first', () => {
    const few = [3, 999, 4242, 12_345, 19_999];
    const filter = RowBitset.of(N, few);
    for (const q of queries.slice(0, 5)) {
      const got = index.search(q, 50, { filter });
      expect(Array.from(got.ids)).toEqual(bruteForce(data, DIM, q, 50, (row) => filter.has(row)));
    }
  });

  it('never returns a deleted row, through the graph or a scan, and survives serialize/load', () => {
    const copy = engine.loadIndex(index.serialize(), 'seg-1/hnsw copy');
    const deleted = new Set<number>();
    // Delete the current top 3 of every query (the rows most likely to come back).
    for (const q of queries.slice(0, 30)) for (const id of copy.search(q, 3).ids) deleted.add(id);
    for (const row of deleted) copy.markDeleted(row);
    expect(copy.size).toBe(N - deleted.size);
    const live = (row: number) => !deleted.has(row);
    const notDeleted = (row: number) => expect(deleted.has(row)).toBe(false);
    expect(recallAt(copy, live, undefined, notDeleted)).toBeGreaterThanOrEqual(0.95);
    const half = RowBitset.of(N, Array.from({ length: N / 2 }, (_, i) => 2 * i));
    expect(recallAt(copy, (row) => live(row) && half.has(row), { filter: half }, notDeleted)).toBeGreaterThanOrEqual(0.95);
    expect(recallAt(copy, live, { strategy: 'scan' }, notDeleted)).toBe(1);
    // Deletes are part of the serialized graph.
    const again = engine.loadIndex(copy.serialize(), 'seg-1/hnsw copy 2');
    expect(again.size).toBe(N - deleted.size);
    for (const q of queries.slice(0, 10)) expect(Array.from(again.search(q, K).ids)).toEqual(Array.from(copy.search(q, K).ids));
    copy.dispose();
    again.dispose();
  });

  it('a filtered exact scan finds allowed rows whose ids are not their insertion order', () => {
    // Rows 7000…7999 then 0…999: row r is not internal id r, so the scan needs the label map.
    const idx = engine.createIndex({ indexType: 'HNSW', dim: DIM, metric: 'L2' });
    idx.add(data.subarray(7000 * DIM, 8000 * DIM), 7000);
    idx.add(data.subarray(0, 1000 * DIM), 0);
    idx.markDeleted(7003);
    const allowed = [5, 17, 999, 1000, 6999, 7003, 7004, 7777, 7999, 8000, 15_000];
    const filter = RowBitset.of(16_000, allowed);
    const present = (row: number) => (row < 1000 || (row >= 7000 && row < 8000)) && row !== 7003 && filter.has(row);
    for (const q of queries.slice(0, 5)) {
      const got = idx.search(q, 10, { filter, strategy: 'scan' });
      expect(Array.from(got.ids)).toEqual(bruteForce(data, DIM, q, 10, present));
    }
    idx.dispose();
  });

  it('a loaded copy answers exactly as the original', () => {
    const copy = engine.loadIndex(index.serialize(), 'seg-1/hnsw copy');
    for (const q of queries.slice(0, 20)) {
      const a = index.search(q, K, { ef: 40 });
      const b = copy.search(q, K, { ef: 40 });
      expect(Array.from(b.ids)).toEqual(Array.from(a.ids));
      expect(Array.from(b.distances)).toEqual(Array.from(a.distances));
    }
    copy.dispose();
  });
});

describe('HNSW metrics', () => {
  it('IP and COSINE return similarities best first, equal to exact scores', () => {
    const small = clustered(11, 600, 24);
    for (const metric of ['IP', 'COSINE'] as const) {
      const idx = engine.createIndex({ indexType: 'AUTOINDEX', dim: 24, metric });
      expect(idx.kind).toBe('HNSW');
      expect(idx.params).toEqual({ M: 18, efConstruction: 240 });
      idx.add(small.subarray(0, 500 * 24), 0);
      for (let qi = 500; qi < 520; qi++) {
        const q = small.subarray(qi * 24, (qi + 1) * 24);
        const res = idx.search(q, 5, { ef: 200 });
        const score = (row: number) => {
          let dot = 0;
          let n1 = 0;
          let n2 = 0;
          for (let j = 0; j < 24; j++) {
            dot += small[row * 24 + j]! * q[j]!;
            n1 += small[row * 24 + j]! ** 2;
            n2 += q[j]! ** 2;
          }
          return metric === 'IP' ? dot : dot / Math.sqrt(n1 * n2);
        };
        const exact = Array.from({ length: 500 }, (_, r) => r).sort((a, b) => score(b) - score(a)).slice(0, 5);
        expect(Array.from(res.ids)).toEqual(exact);
        res.ids.forEach((row, i) => expect(Math.abs(res.distances[i]! - score(row))).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(score(row)))));
      }
      idx.dispose();
    }
  });
});
