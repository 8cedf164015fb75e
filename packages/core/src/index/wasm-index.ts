import { ErrorCode, QuiverError } from '../errors.js';
import { allocBlob, BLOB_HEADER_BYTES, sealBlob } from './blob.js';
import type { BlobHeader } from './blob.js';
import { checkTopK, MAX_ROWS } from './params.js';
import type { AnnIndex, AnnSearchResult, HnswParams, IndexKind, MetricType, SearchOptions } from './types.js';
import { checkRows, checkVectors } from './vectors.js';
import { closed, runSearch, takeSerialized } from './wasm-calls.js';
import type { SearchCall } from './wasm-calls.js';
import type { QuiverWasm } from './wasm-module.js';

/** The module calls on one index handle that every index kind has, named by kind. */
export interface WasmIndexCalls {
  /** 0 absent, 1 present, 2 deleted. */
  has(handle: number, row: number): number;
  markDeleted(handle: number, row: number): number;
  serialize(handle: number, outSize: number): number;
  memory(handle: number): number;
  free(handle: number): void;
}

/** Header fields of an index blob that depend on the kind. */
export type WasmIndexBlobFields = Pick<BlobHeader, 'encoding' | 'M' | 'efConstruction'>;

/**
 * What the wasm-backed index kinds share: the module handle and its lifetime (a disposed index
 * throws `Closed`), argument checks, row deletion, search through the scratch buffers, and
 * serialization into an ANN index blob. A kind supplies its module calls, `size`, `add` and the
 * search call itself.
 */
export abstract class WasmIndex implements AnnIndex {
  abstract readonly kind: IndexKind;
  abstract readonly params: HnswParams | null;
  abstract readonly size: number;
  #handle: number;

  /** Wraps a module handle; the index owns it from now on. */
  constructor(
    protected readonly w: QuiverWasm,
    handle: number,
    private readonly calls: WasmIndexCalls,
    readonly dim: number,
    readonly metric: MetricType,
    readonly name: string,
  ) {
    this.#handle = handle;
  }

  abstract add(vectors: Float32Array, firstRow: number): void;

  /** The module call that searches this index once the query and the filter are in wasm memory. */
  protected abstract searchCall(handle: number, topK: number, opts: SearchOptions): SearchCall;

  /** Header fields of this index's blob other than kind, metric, dim and rows. */
  protected abstract blobFields(): WasmIndexBlobFields;

  /** `FLAT index 'seg-1/x'`: how errors name this index. */
  protected label(): string {
    return `${this.kind} index '${this.name}'`;
  }

  /** Checks `add`'s arguments; returns the number of rows. */
  protected checkAdd(vectors: Float32Array, firstRow: number): number {
    const n = checkVectors(vectors, this.dim, 'vectors');
    checkRows(firstRow, n, MAX_ROWS);
    return n;
  }

  markDeleted(row: number): boolean {
    const h = this.h();
    const state = Number.isInteger(row) && row >= 0 && row < MAX_ROWS ? this.calls.has(h, row) : 0;
    if (state === 0) throw new QuiverError(ErrorCode.InvalidParameter, `${this.label()}: row ${row} is not in the index`);
    if (state === 2) return false;
    this.w.check(this.calls.markDeleted(h, row), `${this.label()}: markDeleted`);
    return true;
  }

  has(row: number): boolean {
    return Number.isInteger(row) && row >= 0 && row < MAX_ROWS && this.calls.has(this.h(), row) === 1;
  }

  search(query: Float32Array, k: number, opts: SearchOptions = {}): AnnSearchResult {
    const h = this.h();
    checkVectors(query, this.dim, 'query', true);
    const topK = checkTopK(k);
    return runSearch(this.w, query, topK, opts.filter, `${this.label()}: search`, this.searchCall(h, topK, opts));
  }

  serialize(): Uint8Array {
    const h = this.h();
    const blob = takeSerialized(this.w, (out) => this.calls.serialize(h, out), `${this.label()}: serialize`, allocBlob, BLOB_HEADER_BYTES);
    return sealBlob(blob, { kind: this.kind, metric: this.metric, dim: this.dim, rows: this.size, ...this.blobFields() });
  }

  memoryBytes(): number {
    return this.calls.memory(this.h());
  }

  dispose(): void {
    if (this.#handle === 0) return;
    this.calls.free(this.#handle);
    this.#handle = 0;
  }

  /** The live module handle; throws `Closed` once disposed. */
  protected h(): number {
    return this.#handle === 0 ? closed(this.name) : this.#handle;
  }
}
