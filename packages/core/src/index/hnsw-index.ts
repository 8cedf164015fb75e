import { ErrorCode, QuiverError } from '../errors.js';
import { allocBlob, BLOB_HEADER_BYTES, PayloadEncoding, sealBlob } from './blob.js';
import { checkTopK, MAX_ROWS, metricCode, resolveEf } from './params.js';
import type { AnnIndex, AnnSearchResult, HnswParams, MetricType, SearchOptions } from './types.js';
import { checkRows, checkVectors } from './vectors.js';
import { addInChunks, closed, runSearch, takeSerialized } from './wasm-calls.js';
import type { QuiverWasm } from './wasm-module.js';

const STRATEGY = { auto: 0, graph: 1, scan: 2 } as const;

/** An HNSW index inside Quiver's wasm module (hnswlib's graph, our SIMD distances). */
export class WasmHnswIndex implements AnnIndex {
  readonly kind = 'HNSW' as const;
  readonly params: HnswParams;
  private handle: number;

  /** Wraps a module handle (from qv_hnsw_create or qv_hnsw_load); the index owns it from now on. */
  constructor(
    private readonly w: QuiverWasm,
    handle: number,
    readonly dim: number,
    readonly metric: MetricType,
    readonly name: string,
  ) {
    this.handle = handle;
    this.params = { M: w.x.qv_hnsw_m(handle), efConstruction: w.x.qv_hnsw_ef_construction(handle) };
  }

  get size(): number {
    const h = this.h();
    return this.w.x.qv_hnsw_count(h) - this.w.x.qv_hnsw_deleted(h);
  }

  add(vectors: Float32Array, firstRow: number): void {
    const h = this.h();
    const n = checkVectors(vectors, this.dim, 'vectors');
    checkRows(firstRow, n, MAX_ROWS);
    if (n === 0) return;
    for (let i = 0; i < n; i++) {
      if (this.w.x.qv_hnsw_has(h, firstRow + i) !== 0) {
        throw new QuiverError(ErrorCode.InvalidParameter, `HNSW index '${this.name}': row ${firstRow + i} is already in the index`);
      }
    }
    const count = this.w.x.qv_hnsw_count(h);
    const capacity = this.w.x.qv_hnsw_capacity(h);
    if (count + n > capacity) {
      // Grow by half again at least, so row-at-a-time adds to a growing segment stay amortized O(1).
      const target = Math.min(MAX_ROWS, Math.max(count + n, Math.ceil(capacity * 1.5)));
      this.w.check(this.w.x.qv_hnsw_resize(h, target), `HNSW index '${this.name}': resize to ${target}`);
    }
    addInChunks(this.w, vectors, this.dim, firstRow, (p, m, row) => this.w.x.qv_hnsw_add(h, p, m, row), `HNSW index '${this.name}': add`);
  }

  markDeleted(row: number): boolean {
    const h = this.h();
    const state = Number.isInteger(row) && row >= 0 && row < MAX_ROWS ? this.w.x.qv_hnsw_has(h, row) : 0;
    if (state === 0) throw new QuiverError(ErrorCode.InvalidParameter, `HNSW index '${this.name}': row ${row} is not in the index`);
    if (state === 2) return false;
    this.w.check(this.w.x.qv_hnsw_mark_deleted(h, row), `HNSW index '${this.name}': markDeleted`);
    return true;
  }

  has(row: number): boolean {
    return Number.isInteger(row) && row >= 0 && row < MAX_ROWS && this.w.x.qv_hnsw_has(this.h(), row) === 1;
  }

  search(query: Float32Array, k: number, opts: SearchOptions = {}): AnnSearchResult {
    const h = this.h();
    checkVectors(query, this.dim, 'query', true);
    const topK = checkTopK(k);
    const ef = resolveEf(topK, opts.ef);
    const strategy = STRATEGY[opts.strategy ?? 'auto'];
    if (strategy === undefined) throw new QuiverError(ErrorCode.InvalidParameter, `strategy: ${JSON.stringify(opts.strategy)} is not auto, graph or scan`);
    return runSearch(this.w, query, topK, opts.filter, `HNSW index '${this.name}': search`, (q, bits, nbits, rows, scores) =>
      this.w.x.qv_hnsw_search(h, q, topK, ef, bits, nbits, strategy, rows, scores),
    );
  }

  serialize(): Uint8Array {
    const h = this.h();
    const blob = takeSerialized(this.w, (out) => this.w.x.qv_hnsw_serialize(h, out), `HNSW index '${this.name}': serialize`, allocBlob, BLOB_HEADER_BYTES);
    return sealBlob(blob, {
      kind: 'HNSW',
      metric: this.metric,
      dim: this.dim,
      encoding: PayloadEncoding.Hnswlib64,
      rows: this.size,
      M: this.params.M,
      efConstruction: this.params.efConstruction,
    });
  }

  memoryBytes(): number {
    return this.w.x.qv_hnsw_memory(this.h());
  }

  dispose(): void {
    if (this.handle === 0) return;
    this.w.x.qv_hnsw_free(this.handle);
    this.handle = 0;
  }

  private h(): number {
    return this.handle === 0 ? closed(this.name) : this.handle;
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
