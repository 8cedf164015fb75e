// Quiver's ANN layer without the database around it: an HNSW AnnIndex and the exact FLAT scan of
// Quiver's own wasm module (packages/core/src/index). Platform-free: the caller says where the
// wasm comes from (`loadWasmBytes` of @quiver/node, `loadWasmModule` of @quiver/browser), so the
// benchmark page runs the same adapter in Chromium.
import { createWasmEngine, RowBitset, type AnnEngine, type AnnIndex, type WasmSource } from '@quiver/core';
import type { Dataset } from '../data/dataset.js';
import type { BuildBudget, Engine, HnswBuild, RowFilter } from './types.js';

function queryRows(ds: Dataset): Float32Array[] {
  return Array.from({ length: ds.nq }, (_, i) => ds.queries.slice(i * ds.dim, (i + 1) * ds.dim));
}

/** The RowBitset of a filter (made once per filter, outside the timed loop). */
function bitset(filter: RowFilter): RowBitset {
  let b = filter.prepared.get('quiver') as RowBitset | undefined;
  if (!b) {
    b = RowBitset.fromMask(filter.mask);
    filter.prepared.set('quiver', b);
  }
  return b;
}

/** Where an adapter gets Quiver's wasm module from. */
export type WasmLoader = () => Promise<WasmSource>;

/** `AnnIndex` (HNSW) of Quiver's wasm engine; filters go in as a RowBitset (strategy `auto`, as the database uses it). */
export function quiverAnnIndex(p: HnswBuild, wasm: WasmLoader): Engine {
  let engine: AnnEngine | undefined;
  let index: AnnIndex | undefined;
  let queries: Float32Array[] = [];
  return {
    name: 'quiver AnnIndex (wasm HNSW)',
    family: 'quiver',
    algorithm: 'HNSW',
    efMode: 'search',
    async: false,
    notes: ['Quiver\'s own release build of hnswlib 0.8.0 in wasm (SIMD), through the AnnIndex interface; index bytes = serialize()'],
    async build(ds: Dataset, budget: BuildBudget) {
      engine = await createWasmEngine(await wasm());
      queries = queryRows(ds);
      const t0 = performance.now();
      index = engine.createIndex({ indexType: 'HNSW', dim: ds.dim, metric: ds.metric, params: { M: p.M, efConstruction: p.efConstruction }, capacity: ds.n });
      const step = 4096 * 4;
      for (let i = 0; i < ds.n; i += step) {
        const end = Math.min(ds.n, i + step);
        index.add(ds.base.subarray(i * ds.dim, end * ds.dim), i);
        budget.check(end, ds.n);
      }
      const buildMs = performance.now() - t0;
      return { buildMs, indexBytes: index.serialize().length, bytesNote: 'serialize() blob' };
    },
    search(q: number, k: number, ef: number, filter?: RowFilter) {
      return index!.search(queries[q], k, filter ? { ef, filter: bitset(filter) } : { ef, strategy: 'graph' }).ids;
    },
    dispose() {
      index?.dispose();
      index = undefined;
      engine = undefined;
    },
  };
}

/** Quiver's FLAT index (exact scan with the wasm SIMD kernel; the vectors stay in wasm memory). */
export function quiverFlat(wasm: WasmLoader): Engine {
  let engine: AnnEngine | undefined;
  let index: AnnIndex | undefined;
  let queries: Float32Array[] = [];
  return {
    name: 'quiver AnnIndex FLAT (wasm SIMD, exact)',
    family: 'quiver',
    algorithm: 'exact scan',
    efMode: 'none',
    async: false,
    notes: ['index type FLAT: an exact scan of every row per query in wasm (SIMD)'],
    async build(ds: Dataset) {
      engine = await createWasmEngine(await wasm());
      queries = queryRows(ds);
      const t0 = performance.now();
      index = engine.createIndex({ indexType: 'FLAT', dim: ds.dim, metric: ds.metric, capacity: ds.n });
      index.add(ds.base, 0);
      const buildMs = performance.now() - t0;
      return { buildMs, indexBytes: index.serialize().length, bytesNote: 'serialize() blob' };
    },
    search(q: number, k: number, _ef: number, filter?: RowFilter) {
      return index!.search(queries[q], k, filter ? { filter: bitset(filter) } : {}).ids;
    },
    dispose() {
      index?.dispose();
      index = undefined;
      engine = undefined;
    },
  };
}
