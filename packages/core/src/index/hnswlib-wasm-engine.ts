import { ErrorCode, QuiverError } from '../errors.js';
import { allocBlob, BLOB_HEADER_BYTES, openBlob, PayloadEncoding, sealBlob } from './blob.js';
import { convertHnswlibLayout } from './hnswlib-layout.js';
import { checkTopK, intParam, MAX_ROWS, resolveEf, resolveSpec } from './params.js';
import type { AnnEngine, AnnIndex, AnnSearchResult, FlatScanOptions, HnswParams, IndexSpec, MetricType, SearchOptions } from './types.js';
import { checkRows, checkVectors } from './vectors.js';

/** The part of an hnswlib-wasm index (`lib.HierarchicalNSW`) this engine uses. */
export interface HnswlibWasmIndex {
  initIndex(maxElements: number, m: number, efConstruction: number, randomSeed: number): void;
  readIndex(filename: string, maxElements: number): unknown;
  writeIndex(filename: string): unknown;
  resizeIndex(newMaxElements: number): void;
  addPoint(point: Float32Array | number[], label: number, replaceDeleted: boolean): void;
  markDelete(label: number): void;
  searchKnn(query: Float32Array | number[], k: number, filter: ((label: number) => boolean) | undefined): { distances: number[]; neighbors: number[] };
  getMaxElements(): number;
  getCurrentCount(): number;
  setEfSearch(ef: number): void;
  delete?(): void;
}

/** The part of the loaded hnswlib-wasm library (what its `loadHnswlib()` resolves to) this engine uses. */
export interface HnswlibWasmLib {
  HierarchicalNSW: new (space: 'l2' | 'ip' | 'cosine', dim: number, autoSaveFilename: string) => HnswlibWasmIndex;
}

/**
 * hnswlib-wasm moves indexes through files of its Emscripten filesystem (`readIndex(name)`,
 * `writeIndex(name)`), which it does not export; the host that loaded it supplies access to them
 * (in a browser through its IDBFS database, in Node as test/edge/hnswlib-wasm-node.ts does).
 */
export interface HnswlibWasmHost {
  readonly lib: HnswlibWasmLib;
  /** Puts `bytes` where `readIndex(name)` reads. */
  writeFile(name: string, bytes: Uint8Array): void;
  /** Takes (and removes) what `writeIndex(name)` wrote. */
  readFile(name: string): Uint8Array;
  /** Removes a file put there by writeFile. */
  removeFile(name: string): void;
}

const SPACE: Record<MetricType, 'l2' | 'ip' | 'cosine'> = { L2: 'l2', IP: 'ip', COSINE: 'cosine' };
let fileCounter = 0;

/** An HNSW index inside the hnswlib-wasm package. */
class HnswlibWasmAnnIndex implements AnnIndex {
  readonly kind = 'HNSW' as const;
  private readonly deleted = new Set<number>();
  private readonly rows = new Set<number>();
  private disposed = false;

  constructor(
    private readonly host: HnswlibWasmHost,
    private readonly idx: HnswlibWasmIndex,
    readonly dim: number,
    readonly metric: MetricType,
    readonly params: HnswParams,
    readonly name: string,
  ) {}

  /** Registers rows already in a loaded index (hnswlib-wasm cannot list them with their delete marks). */
  adopt(rows: Iterable<number>, deleted: Iterable<number>): void {
    for (const r of rows) this.rows.add(r);
    for (const r of deleted) this.deleted.add(r);
  }

  get size(): number {
    this.live();
    return this.rows.size - this.deleted.size;
  }

  add(vectors: Float32Array, firstRow: number): void {
    this.live();
    const n = checkVectors(vectors, this.dim, 'vectors');
    checkRows(firstRow, n, MAX_ROWS);
    for (let i = 0; i < n; i++) {
      if (this.rows.has(firstRow + i)) throw new QuiverError(ErrorCode.InvalidParameter, `HNSW index '${this.name}': row ${firstRow + i} is already in the index`);
    }
    const need = this.idx.getCurrentCount() + n;
    if (need > this.idx.getMaxElements()) this.idx.resizeIndex(Math.max(need, Math.ceil(this.idx.getMaxElements() * 1.5)));
    for (let i = 0; i < n; i++) {
      this.idx.addPoint(vectors.slice(i * this.dim, (i + 1) * this.dim), firstRow + i, false);
      this.rows.add(firstRow + i);
    }
  }

  markDeleted(row: number): boolean {
    this.live();
    if (!this.rows.has(row)) throw new QuiverError(ErrorCode.InvalidParameter, `HNSW index '${this.name}': row ${row} is not in the index`);
    if (this.deleted.has(row)) return false;
    this.idx.markDelete(row);
    this.deleted.add(row);
    return true;
  }

  has(row: number): boolean {
    this.live();
    return this.rows.has(row) && !this.deleted.has(row);
  }

  search(query: Float32Array, k: number, opts: SearchOptions = {}): AnnSearchResult {
    this.live();
    checkVectors(query, this.dim, 'query', true);
    const topK = checkTopK(k);
    const ef = resolveEf(topK, opts.ef);
    const n = this.idx.getCurrentCount();
    if (n === 0) return { ids: new Int32Array(0), distances: new Float32Array(0) };
    this.idx.setEfSearch(ef);
    const filter = opts.filter;
    // hnswlib-wasm refuses k above its capacity; it returns fewer than k when fewer rows are allowed.
    const r = this.idx.searchKnn(query.slice(), Math.min(topK, this.idx.getMaxElements()), filter ? (label) => filter.has(label) : undefined);
    // hnswlib's inner-product distance is 1 - dot; Milvus reports the dot product.
    const sim = this.metric !== 'L2';
    return { ids: Int32Array.from(r.neighbors), distances: Float32Array.from(r.distances, (d) => (sim ? 1 - d : d)) };
  }

  serialize(): Uint8Array {
    this.live();
    const file = `quiver-${++fileCounter}.hnsw`;
    this.idx.writeIndex(file);
    const payload = convertHnswlibLayout(this.host.readFile(file), this.dim, 8, this.name);
    const blob = allocBlob(payload.length);
    blob.set(payload, BLOB_HEADER_BYTES);
    return sealBlob(blob, { kind: 'HNSW', metric: this.metric, dim: this.dim, encoding: PayloadEncoding.Hnswlib64, rows: this.size, ...this.params });
  }

  memoryBytes(): number {
    this.live();
    const M = this.params.M;
    return this.idx.getMaxElements() * (2 * M * 4 + 4 + this.dim * 4 + 4 + 40);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.idx.delete?.();
  }

  private live(): void {
    if (this.disposed) throw new QuiverError(ErrorCode.Closed, `ANN index '${this.name}' was disposed`);
  }
}

/** Labels and delete marks of a raw hnswlib file (64-bit layout), read from its level-0 records. */
function rowsOf(raw: Uint8Array): { rows: number[]; deleted: number[] } {
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.length);
  const count = dv.getUint32(16, true);
  const rec = dv.getUint32(24, true);
  const labelOffset = dv.getUint32(32, true);
  const rows: number[] = [];
  const deleted: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = 96 + i * rec;
    const label = dv.getUint32(at + labelOffset, true);
    rows.push(label);
    if (raw[at + 2]! & 1) deleted.push(label);
  }
  return { rows, deleted };
}

/**
 * The hnswlib-wasm npm package as a selectable HNSW engine: same AnnIndex contract and the same
 * blob format (hnswlib's 64-bit layout inside; converted from and to hnswlib-wasm's wasm32 files),
 * so an index built by either engine loads in the other. FLAT indexes, FLAT blobs and block scans
 * go to `flat` (Quiver's own engine): this engine only replaces HNSW.
 */
export function createHnswlibWasmEngine(host: HnswlibWasmHost, flat: AnnEngine): AnnEngine {
  return {
    name: 'hnswlib-wasm',
    createIndex(spec: IndexSpec): AnnIndex {
      const s = resolveSpec(spec);
      if (s.kind === 'FLAT') return flat.createIndex(spec);
      const idx = new host.lib.HierarchicalNSW(SPACE[s.metric], s.dim, '');
      idx.initIndex(Math.max(1, s.capacity), s.params!.M, s.params!.efConstruction, s.seed);
      return new HnswlibWasmAnnIndex(host, idx, s.dim, s.metric, s.params!, s.name);
    },
    loadIndex(bytes: Uint8Array, name: string, opts: { capacity?: number } = {}): AnnIndex {
      const { header, payload } = openBlob(bytes, name);
      if (header.kind === 'FLAT') return flat.loadIndex(bytes, name, opts);
      const capacity = opts.capacity === undefined ? 0 : intParam(opts.capacity, 'capacity', 0, MAX_ROWS);
      const raw32 = convertHnswlibLayout(payload, header.dim, 4, name);
      const { rows, deleted } = rowsOf(payload);
      const file = `quiver-${++fileCounter}.hnsw`;
      host.writeFile(file, raw32);
      const idx = new host.lib.HierarchicalNSW(SPACE[header.metric], header.dim, '');
      try {
        idx.readIndex(file, Math.max(capacity, rows.length, 1));
      } catch (e) {
        throw new QuiverError(ErrorCode.Corrupted, `ANN index '${name}' is corrupted: hnswlib-wasm refused it (${String(e)})`, { cause: e });
      } finally {
        host.removeFile(file);
      }
      const index = new HnswlibWasmAnnIndex(host, idx, header.dim, header.metric, { M: header.M, efConstruction: header.efConstruction }, name);
      index.adopt(rows, deleted);
      return index;
    },
    flatScan(vectors: Float32Array, query: Float32Array, k: number, opts: FlatScanOptions): AnnSearchResult {
      return flat.flatScan(vectors, query, k, opts);
    },
    memoryBytes(): number {
      return flat.memoryBytes();
    },
  };
}
