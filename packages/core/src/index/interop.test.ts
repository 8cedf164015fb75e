import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHnswlibWasmInNode } from '../../../../test/edge/hnswlib-wasm-node.js';
import { ErrorCode } from '../errors.js';
import { RowBitset } from './bitset.js';
import { createWasmEngine } from './engine.js';
import { blobFromHnswlib, convertHnswlibLayout, hnswlibFromBlob, readHnswlibHeader } from './hnswlib-layout.js';
import { createHnswlibWasmEngine } from './hnswlib-wasm-engine.js';
import type { AnnEngine, AnnIndex, MetricType } from './types.js';

const WASM = readFileSync(new URL('../../wasm/quiver-hnsw.wasm', import.meta.url));
const { HierarchicalNSW: NativeHnsw } = createRequire(import.meta.url)('hnswlib-node') as typeof import('hnswlib-node');

// Seeded clustered vectors (mulberry32 + Box-Muller).
function clustered(seed: number, count: number, dim: number): Float32Array {
  let a = seed >>> 0;
  const r = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const g = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const centers = Array.from({ length: 20 }, () => Array.from({ length: dim }, () => g() * 3));
  const out = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const c = centers[Math.floor(r() * 20)]!;
    for (let d = 0; d < dim; d++) out[i * dim + d] = c[d]! + g();
  }
  return out;
}

const DIM = 24;
const N = 3000;
const all = clustered(5, N + 20, DIM);
const base = all.subarray(0, N * DIM);
const queries = Array.from({ length: 20 }, (_, i) => all.slice((N + i) * DIM, (N + i + 1) * DIM));
const PARAMS = { M: 16, efConstruction: 100 };

let ours: AnnEngine;
let theirs: AnnEngine;
let dir: string;
beforeAll(async () => {
  ours = await createWasmEngine(WASM);
  theirs = createHnswlibWasmEngine(await loadHnswlibWasmInNode(), ours);
  expect(theirs.name).toBe('hnswlib-wasm');
  dir = mkdtempSync(join(tmpdir(), 'quiver-interop-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectSameAnswers(a: AnnIndex, b: AnnIndex, opts: Parameters<AnnIndex['search']>[2] = {}): void {
  for (const q of queries) {
    const ra = a.search(q, 10, { ef: 100, ...opts });
    const rb = b.search(q, 10, { ef: 100, ...opts });
    expect(Array.from(rb.ids)).toEqual(Array.from(ra.ids));
    // hnswlib-wasm reports similarity as 1 - (1 - dot): equal up to float rounding.
    rb.distances.forEach((d, i) => expect(Math.abs(d - ra.distances[i]!)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(ra.distances[i]!))));
  }
}

describe('hnswlib-wasm as a second engine, same index format', () => {
  for (const metric of ['L2', 'IP', 'COSINE'] as MetricType[]) {
    it(`${metric}: an index built by ours loads in hnswlib-wasm and answers identically (deletes and filters too)`, () => {
      const a = ours.createIndex({ indexType: 'HNSW', dim: DIM, metric, params: PARAMS });
      a.add(base, 0);
      for (const row of [5, 17, 1200]) a.markDeleted(row);
      const b = theirs.loadIndex(a.serialize(), 'ours.qidx');
      expect(b.size).toBe(N - 3);
      expect(b.has(17)).toBe(false);
      expectSameAnswers(a, b);
      const filter = RowBitset.of(N, Array.from({ length: N / 3 }, (_, i) => 3 * i));
      expectSameAnswers(a, b, { filter, strategy: 'graph' });
      a.dispose();
      b.dispose();
    });

    it(`${metric}: an index built by hnswlib-wasm loads in ours and answers identically`, () => {
      const b = theirs.createIndex({ indexType: 'HNSW', dim: DIM, metric, params: PARAMS });
      b.add(base.subarray(0, 1000 * DIM), 0);
      b.add(base.subarray(1000 * DIM), 1000);
      b.markDeleted(42);
      const a = ours.loadIndex(b.serialize(), 'theirs.qidx');
      expect(a.size).toBe(N - 1);
      expect(a.has(42)).toBe(false);
      expectSameAnswers(b, a);
      // And back again: ours serializes what it loaded, hnswlib-wasm reads it.
      expectSameAnswers(a, theirs.loadIndex(a.serialize(), 'round-trip.qidx'));
      a.dispose();
      b.dispose();
    });
  }

  it('FLAT and block scans go to our engine', () => {
    const f = theirs.createIndex({ indexType: 'FLAT', dim: DIM, metric: 'L2' });
    f.add(base, 0);
    const g = ours.loadIndex(f.serialize(), 'flat.qidx');
    expect(Array.from(g.search(queries[0]!, 5).ids)).toEqual(Array.from(f.search(queries[0]!, 5).ids));
    expect(Array.from(theirs.flatScan(base, queries[0]!, 5, { dim: DIM, metric: 'L2' }).ids)).toEqual(Array.from(f.search(queries[0]!, 5).ids));
  });
});

describe('native hnswlib-node reads and writes the same files', () => {
  for (const [metric, space] of [
    ['L2', 'l2'],
    ['COSINE', 'cosine'],
  ] as const) {
    it(`${metric}: our index file opens in hnswlib-node, and hnswlib-node's opens in ours, with identical answers`, () => {
      const a = ours.createIndex({ indexType: 'HNSW', dim: DIM, metric, params: PARAMS });
      a.add(base, 0);
      const ourFile = join(dir, `ours-${metric}.bin`);
      writeFileSync(ourFile, hnswlibFromBlob(a.serialize(), 'ours').raw);
      const native = new NativeHnsw(space, DIM);
      native.readIndexSync(ourFile);
      native.setEf(100);
      expect(native.getCurrentCount()).toBe(N);
      for (const q of queries) {
        const r = native.searchKnn(Array.from(q), 10);
        const mine = a.search(q, 10, { ef: 100 });
        expect(r.neighbors).toEqual(Array.from(mine.ids));
      }

      const built = new NativeHnsw(space, DIM);
      built.initIndex(N, PARAMS.M, PARAMS.efConstruction, 100);
      for (let i = 0; i < N; i++) built.addPoint(Array.from(base.subarray(i * DIM, (i + 1) * DIM)), i);
      built.setEf(100);
      const nativeFile = join(dir, `native-${metric}.bin`);
      built.writeIndexSync(nativeFile);
      const raw = new Uint8Array(readFileSync(nativeFile));
      expect(readHnswlibHeader(raw, DIM, 'native').wordSize).toBe(8);
      const loaded = ours.loadIndex(blobFromHnswlib(raw, { dim: DIM, metric, name: 'native.bin' }), 'native.bin');
      for (const q of queries) {
        const r = built.searchKnn(Array.from(q), 10);
        expect(Array.from(loaded.search(q, 10, { ef: 100 }).ids)).toEqual(r.neighbors);
      }
      a.dispose();
      loaded.dispose();
    });
  }
});

describe('hnswlib file layouts', () => {
  it('64-bit -> wasm32 -> 64-bit gives back the same bytes; garbage is Corrupted', () => {
    const a = ours.createIndex({ indexType: 'HNSW', dim: DIM, metric: 'L2', params: PARAMS });
    a.add(base.subarray(0, 500 * DIM), 0);
    const raw64 = hnswlibFromBlob(a.serialize(), 'x').raw;
    const raw32 = convertHnswlibLayout(raw64, DIM, 4, 'x');
    expect(readHnswlibHeader(raw32, DIM, 'x')).toMatchObject({ wordSize: 4, count: 500, M: 16, efConstruction: 100 });
    expect(raw32.length).toBe(raw64.length - 40 - 500 * 4);
    expect(Buffer.compare(convertHnswlibLayout(raw32, DIM, 8, 'x'), raw64)).toBe(0);
    expect(() => readHnswlibHeader(raw64, DIM + 1, 'wrong-dim.bin')).toThrow(expect.objectContaining({ code: ErrorCode.Corrupted }));
    expect(() => blobFromHnswlib(new Uint8Array(200), { dim: DIM, metric: 'L2', name: 'zeros.bin' })).toThrow(/hnswlib index 'zeros.bin' is corrupted/);
    a.dispose();
  });
});
