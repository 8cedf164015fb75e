import { ErrorCode, QuiverError } from '../errors.js';
import { PayloadEncoding } from './blob.js';
import { checkRows, checkVectors } from './vectors.js';
import { checkTopK, MAX_ROWS, metricCode, resolveMetric } from './params.js';
import type { AnnSearchResult, FlatScanOptions, MetricType } from './types.js';
import { addInChunks, runSearch } from './wasm-calls.js';
import type { SearchCall } from './wasm-calls.js';
import { WasmIndex } from './wasm-index.js';
import type { WasmIndexBlobFields } from './wasm-index.js';
import type { QuiverWasm } from './wasm-module.js';

/**
 * The exact index (index type FLAT, and growing segments): vectors kept in wasm memory by row and
 * scanned with SIMD kernels. COSINE vectors are normalized when added.
 */
export class WasmFlatIndex extends WasmIndex {
  readonly kind = 'FLAT' as const;
  readonly params = null;

  /** Wraps a module handle (from qv_flat_create or qv_flat_load); the index owns it from now on. */
  constructor(w: QuiverWasm, handle: number, dim: number, metric: MetricType, name: string) {
    const x = w.x;
    super(w, handle, { has: x.qv_flat_has, markDeleted: x.qv_flat_mark_deleted, serialize: x.qv_flat_serialize, memory: x.qv_flat_memory, free: x.qv_flat_free }, dim, metric, name);
  }

  get size(): number {
    return this.w.x.qv_flat_count(this.h());
  }

  add(vectors: Float32Array, firstRow: number): void {
    const f = this.h();
    const n = this.checkAdd(vectors, firstRow);
    const span = this.w.x.qv_flat_rows(f);
    if (n > 0 && firstRow < span) {
      throw new QuiverError(ErrorCode.InvalidParameter, `${this.label()}: row ${firstRow} is already covered (rows must be added in increasing order; next is ${span})`);
    }
    addInChunks(this.w, vectors, this.dim, firstRow, (p, m, row) => this.w.x.qv_flat_add(f, p, m, row), `${this.label()}: add`);
  }

  protected searchCall(f: number, topK: number): SearchCall {
    return (q, bits, nbits, rows, scores) => this.w.x.qv_flat_search(f, q, topK, bits, nbits, rows, scores);
  }

  protected blobFields(): WasmIndexBlobFields {
    return { encoding: PayloadEncoding.QuiverFlatV1, M: 0, efConstruction: 0 };
  }
}

/** Creates an empty FLAT index in the module. */
export function createWasmFlat(w: QuiverWasm, dim: number, metric: MetricType, capacity: number, name: string): WasmFlatIndex {
  const f = w.checkPtr(w.x.qv_flat_create(dim, metricCode(metric), capacity), `FLAT index '${name}': create`);
  return new WasmFlatIndex(w, f, dim, metric, name);
}

/** Blocks above this many bytes are copied into a one-off allocation instead of the scratch buffer. */
const LARGE_BLOCK_BYTES = 16 << 20;

/** Exact top-k over a block of vectors that is not kept in the module (copied in for this call). */
export function flatScan(w: QuiverWasm, vectors: Float32Array, query: Float32Array, k: number, opts: FlatScanOptions): AnnSearchResult {
  const dim = opts.dim;
  if (!Number.isInteger(dim) || dim < 1) throw new QuiverError(ErrorCode.InvalidParameter, `dim: ${String(dim)} is not a positive integer`);
  const metric = resolveMetric(opts.metric);
  const n = checkVectors(vectors, dim, 'vectors');
  checkVectors(query, dim, 'query', true);
  const topK = checkTopK(k);
  const firstRow = checkRows(opts.firstRow ?? 0, n, MAX_ROWS);
  // Small blocks reuse one scratch buffer; a large one gets its own allocation, freed at once, so
  // wasm memory does not keep the largest block ever scanned.
  const bytes = Math.max(4, vectors.length * 4);
  const own = bytes > LARGE_BLOCK_BYTES;
  const base = own ? w.alloc(bytes, 'flat scan') : w.scratchBuf('block', bytes);
  try {
    w.f32(base, vectors.length).set(vectors);
    return runSearch(w, query, topK, opts.filter, 'flat scan', (q, bits, nbits, rows, scores) =>
      w.x.qv_scan(base, n, dim, metricCode(metric), q, topK, bits, nbits, firstRow, rows, scores),
    );
  } finally {
    if (own) w.free(base);
  }
}
