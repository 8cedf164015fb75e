import { ErrorCode, QuiverError } from '../errors.js';
import { PayloadEncoding } from './blob.js';
import { MAX_ROWS, metricCode, resolveEf } from './params.js';
import type { HnswParams, MetricType, SearchOptions } from './types.js';
import { addInChunks } from './wasm-calls.js';
import type { SearchCall } from './wasm-calls.js';
import { WasmIndex } from './wasm-index.js';
import type { WasmIndexBlobFields } from './wasm-index.js';
import type { QuiverWasm } from './wasm-module.js';

const STRATEGY = { auto: 0, graph: 1, scan: 2 } as const;

/** An HNSW index inside Quiver's wasm module (hnswlib's graph, our SIMD distances). */
export class WasmHnswIndex extends WasmIndex {
  readonly kind = 'HNSW' as const;
  readonly params: HnswParams;

  /** Wraps a module handle (from qv_hnsw_create or qv_hnsw_load); the index owns it from now on. */
  constructor(w: QuiverWasm, handle: number, dim: number, metric: MetricType, name: string) {
    const x = w.x;
    super(w, handle, { has: x.qv_hnsw_has, markDeleted: x.qv_hnsw_mark_deleted, serialize: x.qv_hnsw_serialize, memory: x.qv_hnsw_memory, free: x.qv_hnsw_free }, dim, metric, name);
    this.params = { M: x.qv_hnsw_m(handle), efConstruction: x.qv_hnsw_ef_construction(handle) };
  }

  get size(): number {
    const h = this.h();
    return this.w.x.qv_hnsw_count(h) - this.w.x.qv_hnsw_deleted(h);
  }

  add(vectors: Float32Array, firstRow: number): void {
    const h = this.h();
    const n = this.checkAdd(vectors, firstRow);
    if (n === 0) return;
    for (let i = 0; i < n; i++) {
      if (this.w.x.qv_hnsw_has(h, firstRow + i) !== 0) {
        throw new QuiverError(ErrorCode.InvalidParameter, `${this.label()}: row ${firstRow + i} is already in the index`);
      }
    }
    const count = this.w.x.qv_hnsw_count(h);
    const capacity = this.w.x.qv_hnsw_capacity(h);
    if (count + n > capacity) {
      // Grow by half again at least, so row-at-a-time adds to a growing segment stay amortized O(1).
      const target = Math.min(MAX_ROWS, Math.max(count + n, Math.ceil(capacity * 1.5)));
      this.w.check(this.w.x.qv_hnsw_resize(h, target), `${this.label()}: resize to ${target}`);
    }
    addInChunks(this.w, vectors, this.dim, firstRow, (p, m, row) => this.w.x.qv_hnsw_add(h, p, m, row), `${this.label()}: add`);
  }

  protected searchCall(h: number, topK: number, opts: SearchOptions): SearchCall {
    const ef = resolveEf(topK, opts.ef);
    const strategy = STRATEGY[opts.strategy ?? 'auto'];
    if (strategy === undefined) throw new QuiverError(ErrorCode.InvalidParameter, `strategy: ${JSON.stringify(opts.strategy)} is not auto, graph or scan`);
    return (q, bits, nbits, rows, scores) => this.w.x.qv_hnsw_search(h, q, topK, ef, bits, nbits, strategy, rows, scores);
  }

  protected blobFields(): WasmIndexBlobFields {
    return { encoding: PayloadEncoding.Hnswlib64, M: this.params.M, efConstruction: this.params.efConstruction };
  }
}

/** Creates an empty HNSW index in the module. */
export function createWasmHnsw(w: QuiverWasm, dim: number, metric: MetricType, params: HnswParams, capacity: number, seed: number, name: string): WasmHnswIndex {
  const h = w.checkPtr(
    w.x.qv_hnsw_create(dim, metricCode(metric), Math.max(1, capacity), params.M, params.efConstruction, seed),
    `HNSW index '${name}': create`,
  );
  return new WasmHnswIndex(w, h, dim, metric, name);
}
