import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RowBitset } from './bitset.js';
import { createWasmEngine } from './engine.js';
import { exactSearch } from '../testing/exact-search.js';
import type { ExactHits } from '../testing/exact-search.js';
import type { AnnEngine, AnnSearchResult, MetricType } from './types.js';

const WASM = readFileSync(new URL('../../wasm/quiver-hnsw.wasm', import.meta.url));

// Seeded uniform floats in [-1, 1) (mulberry32).
function randomVectors(seed: number, count: number, dim: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(count * dim);
  for (let i = 0; i < out.length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

function expectExact(got: AnnSearchResult, want: ExactHits): void {
  expect(Array.from(got.ids)).toEqual(want.ids);
  expect(got.distances.length).toBe(want.dists.length);
  got.distances.forEach((d, i) => expect(d).toBeCloseTo(want.dists[i]!, 4));
}

const DIM = 37; // not a multiple of 4: exercises the SIMD tail
const N = 1500;
const METRICS: MetricType[] = ['L2', 'IP', 'COSINE'];

let engine: AnnEngine;
beforeAll(async () => {
  engine = await createWasmEngine(WASM);
});

describe('FLAT index', () => {
  const base = randomVectors(1, N, DIM);
  const queries = randomVectors(2, 20, DIM);

  for (const metric of METRICS) {
    it(`equals brute force for ${metric} (ids exact, distances to 1e-4)`, () => {
      const idx = engine.createIndex({ indexType: 'FLAT', dim: DIM, metric });
      idx.add(base.subarray(0, 600 * DIM), 0);
      idx.add(base.subarray(600 * DIM), 600); // two batches, rows consecutive
      expect(idx.size).toBe(N);
      for (let q = 0; q < 20; q++) {
        const query = queries.subarray(q * DIM, (q + 1) * DIM);
        expectExact(idx.search(query, 10), exactSearch(base, DIM, query, 10, metric, () => true));
      }
      idx.dispose();
    });

    it(`${metric}: filter and deletes are honoured, and k above the allowed rows returns fewer`, () => {
      const idx = engine.createIndex({ indexType: 'FLAT', dim: DIM, metric });
      idx.add(base, 0);
      const filter = RowBitset.of(N, Array.from({ length: 40 }, (_, i) => i * 37));
      expect(idx.markDeleted(37)).toBe(true);
      expect(idx.markDeleted(37)).toBe(false);
      const allowed = (r: number) => filter.has(r) && r !== 37;
      for (let q = 0; q < 5; q++) {
        const query = queries.subarray(q * DIM, (q + 1) * DIM);
        expectExact(idx.search(query, 5, { filter }), exactSearch(base, DIM, query, 5, metric, allowed));
        const all = idx.search(query, 100, { filter });
        expect(all.ids.length).toBe(39);
        expectExact(all, exactSearch(base, DIM, query, 100, metric, allowed));
      }
      idx.dispose();
    });
  }

  it('serializes and loads to the same results, gaps between batches stay absent', () => {
    const idx = engine.createIndex({ indexType: 'FLAT', dim: DIM, metric: 'COSINE' });
    idx.add(base.subarray(0, 100 * DIM), 0);
    idx.add(base.subarray(100 * DIM, 200 * DIM), 150); // rows 100..149 never added
    idx.markDeleted(3);
    const blob = idx.serialize();
    const loaded = engine.loadIndex(blob, 'flat.qidx');
    expect(loaded.kind).toBe('FLAT');
    expect(loaded.metric).toBe('COSINE');
    expect(loaded.size).toBe(199);
    expect(loaded.has(120)).toBe(false);
    expect(loaded.has(3)).toBe(false);
    expect(loaded.has(160)).toBe(true);
    const rowsBase = new Float32Array(250 * DIM);
    rowsBase.set(base.subarray(0, 100 * DIM), 0);
    rowsBase.set(base.subarray(100 * DIM, 200 * DIM), 150 * DIM);
    const live = (r: number) => r !== 3 && (r < 100 || r >= 150) && r < 250;
    for (let q = 0; q < 5; q++) {
      const query = queries.subarray(q * DIM, (q + 1) * DIM);
      const a = idx.search(query, 10);
      expect(Array.from(loaded.search(query, 10).ids)).toEqual(Array.from(a.ids));
      expectExact(a, exactSearch(rowsBase, DIM, query, 10, 'COSINE', live));
    }
    idx.dispose();
    loaded.dispose();
  });
});

describe('flatScan over a plain block (growing segments)', () => {
  const block = randomVectors(3, 700, DIM);
  const queries = randomVectors(4, 10, DIM);
  for (const metric of METRICS) {
    it(`${metric}: equals brute force, with a row offset and a filter`, () => {
      const filter = RowBitset.of(1700, Array.from({ length: 350 }, (_, i) => 1000 + 2 * i));
      for (let q = 0; q < 10; q++) {
        const query = queries.subarray(q * DIM, (q + 1) * DIM);
        expectExact(engine.flatScan(block, query, 10, { dim: DIM, metric }), exactSearch(block, DIM, query, 10, metric, () => true));
        expectExact(
          engine.flatScan(block, query, 10, { dim: DIM, metric, firstRow: 1000, filter }),
          exactSearch(block, DIM, query, 10, metric, (r) => filter.has(r), 1000),
        );
      }
    });
  }
});

describe('flatScan over a block larger than the scratch buffer', () => {
  it('equals brute force and leaves the engine usable', () => {
    const dim = 64;
    const block = randomVectors(5, 70_000, dim); // 17.9 MB: its own allocation
    const q = randomVectors(6, 1, dim);
    const filter = RowBitset.of(70_000, Array.from({ length: 7000 }, (_, i) => i * 10));
    expectExact(engine.flatScan(block, q, 10, { dim, metric: 'L2', filter }), exactSearch(block, dim, q, 10, 'L2', (r) => filter.has(r)));
    const small = randomVectors(7, 10, dim);
    expectExact(engine.flatScan(small, q, 3, { dim, metric: 'IP' }), exactSearch(small, dim, q, 3, 'IP', () => true));
  });
});
