import type { RowBitset } from './bitset.js';

/** Milvus's float-vector metrics. L2 is the squared distance (smaller is closer); IP and COSINE are similarities (larger is closer). */
export type MetricType = 'L2' | 'IP' | 'COSINE';

/** The index types a user may name; AUTOINDEX resolves to HNSW. */
export type IndexType = 'FLAT' | 'HNSW' | 'AUTOINDEX';

/** The index kinds an engine builds. */
export type IndexKind = 'FLAT' | 'HNSW';

/** HNSW build parameters after defaults and validation. */
export interface HnswParams {
  readonly M: number;
  readonly efConstruction: number;
}

/** What to build: Milvus's index type, metric and params for one segment's vector field. */
export interface IndexSpec {
  readonly indexType: IndexType;
  readonly dim: number;
  /** Default COSINE (Milvus's default for float vectors). */
  readonly metric?: MetricType;
  /** Milvus index params (`M`, `efConstruction`); numbers or numeric strings. Not allowed with AUTOINDEX. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Rows to make room for up front (the index grows past it on demand). */
  readonly capacity?: number;
  /** HNSW level-generator seed (default 100, hnswlib's): the same rows in the same order build the same graph. */
  readonly seed?: number;
  /** Names the index in error messages (e.g. the segment file path). */
  readonly name?: string;
}

/** The k best rows of one search, best first. */
export interface AnnSearchResult {
  /** Row offsets within the segment. */
  readonly ids: Int32Array;
  /** L2: squared distance (ascending); IP and COSINE: similarity (descending). */
  readonly distances: Float32Array;
}

/** Per-search options. */
export interface SearchOptions {
  /** HNSW candidate list size; default max(k, 16) like Milvus; must be >= k. Ignored by FLAT. */
  readonly ef?: number;
  /** Rows allowed in the result (the expression filter and the delete bitmap, combined). Rows past `filter.rows` are not allowed. */
  readonly filter?: RowBitset;
  /**
   * HNSW only. `auto` (default) walks the graph with the filter applied inside it, and falls back
   * to an exact scan when at least 93 % of the rows are filtered out or k is at least half of the
   * rows left (Milvus's rule); `graph` and `scan` force one.
   */
  readonly strategy?: 'auto' | 'graph' | 'scan';
}

/** An ANN index over one segment's vectors, addressed by row offset. */
export interface AnnIndex {
  readonly kind: IndexKind;
  readonly dim: number;
  readonly metric: MetricType;
  /** HNSW params (null for FLAT). */
  readonly params: HnswParams | null;
  /** Live rows: added and not deleted. */
  readonly size: number;
  /** Adds `vectors.length / dim` rows numbered firstRow, firstRow+1, …; none of them may be present already. */
  add(vectors: Float32Array, firstRow: number): void;
  /** Marks a row deleted (it is never returned again); false when it was deleted already. */
  markDeleted(row: number): boolean;
  /** True when the row is present and not deleted. */
  has(row: number): boolean;
  /** The k best live rows allowed by the filter; fewer when fewer are allowed. */
  search(query: Float32Array, k: number, opts?: SearchOptions): AnnSearchResult;
  /** The index as an ANN index blob (docs/formats.md): magic, version, CRC32 around the engine's bytes. */
  serialize(): Uint8Array;
  /** Approximate bytes of memory the index holds. */
  memoryBytes(): number;
  /** Frees the index; any later call throws QuiverError Closed. */
  dispose(): void;
}

/** Options for an exact scan over a plain block of vectors. */
export interface FlatScanOptions {
  readonly dim: number;
  readonly metric: MetricType;
  /** Row offset of the block's first vector (default 0); ids and the filter use it. */
  readonly firstRow?: number;
  readonly filter?: RowBitset;
}

/** Builds and loads indexes; one engine owns one wasm instance (single-threaded). */
export interface AnnEngine {
  /** Which implementation: `quiver-wasm` (ours) or `hnswlib-wasm` (the npm package). */
  readonly name: string;
  /** Creates an empty index for `spec`. */
  createIndex(spec: IndexSpec): AnnIndex;
  /** Loads an index blob; `name` (e.g. its file path) appears in errors. `capacity` makes room for more rows. */
  loadIndex(bytes: Uint8Array, name: string, opts?: { capacity?: number }): AnnIndex;
  /** Exact top-k over `vectors` (rows firstRow…, row-major) without keeping them: growing segments. */
  flatScan(vectors: Float32Array, query: Float32Array, k: number, opts: FlatScanOptions): AnnSearchResult;
  /** Bytes of memory the engine's instance holds. */
  memoryBytes(): number;
}
