import { ErrorCode, QuiverError } from '../errors.js';
import { allocBlob, BLOB_HEADER_BYTES, PayloadEncoding, sealBlob } from './blob.js';
import { checkTopK, MAX_ROWS, metricCode, resolveMetric } from './params.js';
import type { AnnIndex, AnnSearchResult, FlatScanOptions, MetricType, SearchOptions } from './types.js';
import { checkRows, checkVectors } from './vectors.js';
import { addInChunks, closed, runSearch, takeSerialized } from './wasm-calls.js';
import type { QuiverWasm } from './wasm-module.js';

/**
 * The exact index (index type FLAT, and growing segments): vectors kept in wasm memory by row and
 * scanned with SIMD kernels. COSINE vectors are normalized when added.
 */
export class WasmFlatIndex implements AnnIndex {
  readonly kind = 'FLAT' as const;
  readonly params = null;
  private handle: number;

  /** Wraps a module handle (from qv_flat_create or qv_flat_load); the index owns it from now on. */
  constructor(
    private readonly w: QuiverWasm,
    handle: number,
    readonly dim: number,
    readonly metric: MetricType,
    readonly name: string,
  ) {
    this.handle = handle;
  }

  get size(): number {
    return this.w.x.qv_flat_count(this.h());
  }

  add(vectors: Float32Array, firstRow: number): void {
    const f = this.h();
    const n = checkVectors(vectors, this.dim, 'vectors');
    checkRows(firstRow, n, MAX_ROWS);
    const span = this.w.x.qv_flat_rows(f);
    if (n > 0 && firstRow < span) {
      throw new QuiverError(ErrorCode.InvalidParameter, `FLAT index '${this.name}': row ${firstRow} is already covered (rows must be added in increasing order; next is ${span})`);
    }
    addInChunks(this.w, vectors, this.dim, firstRow, (p, m, row) => this.w.x.qv_flat_add(f, p, m, row), `FLAT index '${this.name}': add`);
  }

  markDeleted(row: number): boolean {
    const f = this.h();
    const state = Number.isInteger(row) && row >= 0 && row < MAX_ROWS ? this.w.x.qv_flat_has(f, row) : 0;
    if (state === 0) throw new QuiverError(ErrorCode.InvalidParameter, `FLAT index '${this.name}': row ${row} is not in the index`);
    if (state === 2) return false;
    this.w.check(this.w.x.qv_flat_mark_deleted(f, row), `FLAT index '${this.name}': markDeleted`);
    return true;
  }

  has(row: number): boolean {
    return Number.isInteger(row) && row >= 0 && row < MAX_ROWS && this.w.x.qv_flat_has(this.h(), row) === 1;
  }

  search(query: Float32Array, k: number, opts: SearchOptions = {}): AnnSearchResult {
    const f = this.h();
    checkVectors(query, this.dim, 'query', true);
    const topK = checkTopK(k);
    return runSearch(this.w, query, topK, opts.filter, `FLAT index '${this.name}': search`, (q, bits, nbits, rows, scores) =>
      this.w.x.qv_flat_search(f, q, topK, bits, nbits, rows, scores),
    );
  }

  serialize(): Uint8Array {
    const f = this.h();
    const blob = takeSerialized(this.w, (out) => this.w.x.qv_flat_serialize(f, out), `FLAT index '${this.name}': serialize`, allocBlob, BLOB_HEADER_BYTES);
    return sealBlob(blob, { kind: 'FLAT', metric: this.metric, dim: this.dim, encoding: PayloadEncoding.QuiverFlatV1, rows: this.size, M: 0, efConstruction: 0 });
  }

  memoryBytes(): number {
    return this.w.x.qv_flat_memory(this.h());
  }

  dispose(): void {
    if (this.handle === 0) return;
    this.w.x.qv_flat_free(this.handle);
    this.handle = 0;
  }

  private h(): number {
    return this.handle === 0 ? closed(this.name) : this.handle;
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
