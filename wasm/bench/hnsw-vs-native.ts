// QPS and build time of Quiver's wasm HNSW against native hnswlib-node (and, when it loads, the
// hnswlib-wasm npm package) on seeded clustered data, one process, one thread.
//   npx tsx wasm/bench/hnsw-vs-native.ts [n=20000] [dim=128] [queries=1000]
// Speed is measured here and reported, never asserted in tests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { QuiverWasm } from '../../packages/core/src/index/wasm-module.js';
import { clustered, groundTruthL2, recall } from './data.js';

const require = createRequire(import.meta.url);
const { HierarchicalNSW } = require('hnswlib-node') as typeof import('hnswlib-node');

const n = Number(process.argv[2] ?? 20000);
const dim = Number(process.argv[3] ?? 128);
const nq = Number(process.argv[4] ?? 1000);
const M = 16;
const efC = 200;
const k = 10;
const EFS = [10, 16, 24, 32, 48, 64, 96, 128, 192, 256];

interface Engine {
  name: string;
  build(): number; // ms
  search(q: number, ef: number): ArrayLike<number>;
}

const { base, queries } = clustered(42, n, nq, dim);
console.log(`data: ${n} x ${dim}, ${nq} queries, M=${M} efConstruction=${efC} k=${k}`);
let t = performance.now();
const truth = groundTruthL2(base, queries, dim, k);
console.log(`ground truth: ${(performance.now() - t).toFixed(0)} ms`);

const rowsAsArrays = Array.from({ length: n }, (_, i) => Array.from(base.subarray(i * dim, (i + 1) * dim)));
const queryArrays = Array.from({ length: nq }, (_, i) => Array.from(queries.subarray(i * dim, (i + 1) * dim)));

function nativeEngine(): Engine {
  const idx = new HierarchicalNSW('l2', dim);
  return {
    name: 'hnswlib-node (native)',
    build() {
      const t0 = performance.now();
      idx.initIndex(n, M, efC, 100);
      for (let i = 0; i < n; i++) idx.addPoint(rowsAsArrays[i]!, i);
      return performance.now() - t0;
    },
    search(q, ef) {
      idx.setEf(ef);
      return idx.searchKnn(queryArrays[q]!, k).neighbors;
    },
  };
}

async function quiverRaw(): Promise<Engine> {
  const w = await QuiverWasm.instantiate(readFileSync(new URL('../../packages/core/wasm/quiver-hnsw.wasm', import.meta.url)));
  let h = 0;
  let qPtr = 0;
  const rows = w.alloc(k * 4, 'rows');
  const scores = w.alloc(k * 4, 'scores');
  return {
    name: 'quiver-wasm (raw exports)',
    build() {
      const t0 = performance.now();
      h = w.checkPtr(w.x.qv_hnsw_create(dim, 0, n, M, efC, 100), 'create');
      const p = w.alloc(base.length * 4, 'base');
      w.f32(p, base.length).set(base);
      w.check(w.x.qv_hnsw_add(h, p, n, 0), 'add');
      w.free(p);
      const ms = performance.now() - t0;
      qPtr = w.alloc(queries.length * 4, 'queries');
      w.f32(qPtr, queries.length).set(queries);
      return ms;
    },
    search(q, ef) {
      const c = w.x.qv_hnsw_search(h, qPtr + q * dim * 4, k, ef, 0, 0, 1, rows, scores);
      return w.i32(rows, c);
    },
  };
}

async function quiverApi(): Promise<Engine> {
  const { createWasmEngine } = await import('../../packages/core/src/index/engine.js');
  const e = await createWasmEngine(readFileSync(new URL('../../packages/core/wasm/quiver-hnsw.wasm', import.meta.url)));
  const idx = e.createIndex({ indexType: 'HNSW', dim, metric: 'L2', params: { M, efConstruction: efC }, capacity: n });
  const qs = Array.from({ length: nq }, (_, i) => queries.slice(i * dim, (i + 1) * dim));
  return {
    name: 'quiver-wasm (AnnIndex.search)',
    build() {
      const t0 = performance.now();
      idx.add(base, 0);
      return performance.now() - t0;
    },
    search(q, ef) {
      return idx.search(qs[q]!, k, { ef, strategy: 'graph' }).ids;
    },
  };
}

async function hnswlibWasm(): Promise<Engine | null> {
  try {
    const { loadHnswlibWasmInNode } = await import('../../test/edge/hnswlib-wasm-node.js');
    const host = await loadHnswlibWasmInNode();
    const idx = new host.lib.HierarchicalNSW('l2', dim, '');
    const rows = Array.from({ length: n }, (_, i) => base.subarray(i * dim, (i + 1) * dim));
    const qs = Array.from({ length: nq }, (_, i) => queries.slice(i * dim, (i + 1) * dim));
    return {
      name: 'hnswlib-wasm 0.8.2 (npm)',
      build() {
        const t0 = performance.now();
        idx.initIndex(n, M, efC, 100);
        for (let i = 0; i < n; i++) idx.addPoint(rows[i]!, i, false);
        return performance.now() - t0;
      },
      search(q, ef) {
        idx.setEfSearch(ef);
        return idx.searchKnn(qs[q]!, k, undefined).neighbors;
      },
    };
  } catch (e) {
    console.log(`hnswlib-wasm skipped: ${(e as Error).message}`);
    return null;
  }
}

function measure(e: Engine, ef: number): { qps: number; recall: number } {
  const found: ArrayLike<number>[] = [];
  for (let q = 0; q < Math.min(nq, 50); q++) e.search(q, ef); // warm-up
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    for (let q = 0; q < nq; q++) found[q] = Array.from(e.search(q, ef));
    best = Math.min(best, performance.now() - t0);
  }
  return { qps: (nq / best) * 1000, recall: recall(found, truth) };
}

const engines = [nativeEngine(), await quiverRaw(), await quiverApi()];
const hw = await hnswlibWasm();
if (hw) engines.push(hw);
const table: Record<string, { build: number; rows: { ef: number; qps: number; recall: number }[] }> = {};
for (const e of engines) {
  const build = e.build();
  const rows = EFS.map((ef) => ({ ef, ...measure(e, ef) }));
  table[e.name] = { build, rows };
  console.log(`\n${e.name}: build ${(build / 1000).toFixed(2)} s`);
  for (const r of rows) console.log(`  ef=${String(r.ef).padStart(3)}  recall@10=${r.recall.toFixed(4)}  QPS=${r.qps.toFixed(0)}`);
}

const atRecall = (name: string) => table[name]!.rows.find((r) => r.recall >= 0.95);
const native = table['hnswlib-node (native)']!;
const nat = atRecall('hnswlib-node (native)');
console.log('\nsummary (first ef reaching recall@10 >= 0.95; ratios are engine / native):');
for (const e of engines) {
  const r = atRecall(e.name);
  const buildRatio = table[e.name]!.build / native.build;
  const sameEf = table[e.name]!.rows.map((x, i) => x.qps / native.rows[i]!.qps);
  console.log(
    `  ${e.name.padEnd(32)} ef=${r?.ef ?? '-'} recall=${r?.recall.toFixed(4) ?? '-'} QPS=${r?.qps.toFixed(0) ?? '-'}` +
      ` QPS ratio=${r && nat ? (r.qps / nat.qps).toFixed(2) : '-'}` +
      ` (same-ef ratios ${Math.min(...sameEf).toFixed(2)}–${Math.max(...sameEf).toFixed(2)})` +
      ` build time ratio=${buildRatio.toFixed(2)}`,
  );
}
