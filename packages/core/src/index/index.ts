// Public surface of the ANN index layer (see README.md in this folder).
export type { AnnEngine, AnnIndex, AnnSearchResult, FlatScanOptions, HnswParams, IndexKind, IndexSpec, IndexType, MetricType, SearchOptions } from './types.js';
export { RowBitset } from './bitset.js';
export { createWasmEngine, lazyEngine } from './engine.js';
export { QuiverWasm, WASM_ABI_VERSION, type WasmSource } from './wasm-module.js';
export { AUTOINDEX_PARAMS, DEFAULT_EF_FLOOR, HNSW_DEFAULTS, HNSW_RANGES, resolveEf, resolveMetric, resolveSpec, type ResolvedSpec } from './params.js';
export { BLOB_HEADER_BYTES, BLOB_MAGIC, BLOB_VERSION, openBlob, type BlobHeader } from './blob.js';
export { MEMORY_LIMIT_EXCEEDED } from './errors.js';
export { createHnswlibWasmEngine, type HnswlibWasmHost, type HnswlibWasmIndex, type HnswlibWasmLib } from './hnswlib-wasm-engine.js';
export { blobFromHnswlib, convertHnswlibLayout, hnswlibFromBlob, readHnswlibHeader, type HnswlibHeader, type HnswlibWordSize } from './hnswlib-layout.js';
