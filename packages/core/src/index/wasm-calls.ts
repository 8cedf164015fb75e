import { ErrorCode, QuiverError } from '../errors.js';
import type { RowBitset } from './bitset.js';
import type { AnnSearchResult } from './types.js';
import type { QuiverWasm } from './wasm-module.js';

/** Largest batch of vectors copied into wasm memory at once when adding (bounds the scratch buffer). */
const ADD_CHUNK_BYTES = 8 << 20;

/** Signature of a module search call once query, filter and outputs are in wasm memory. */
export type SearchCall = (query: number, bits: number, nbits: number, rows: number, scores: number) => number;

/**
 * Copies the query and the filter bitset into the instance's scratch memory, runs `call`, and
 * copies the results out (best first).
 */
export function runSearch(w: QuiverWasm, query: Float32Array, k: number, filter: RowBitset | undefined, context: string, call: SearchCall): AnnSearchResult {
  const q = w.scratchBuf('query', query.length * 4);
  const bits = filter ? w.scratchBuf('filter', Math.max(1, filter.bits.length)) : 0;
  const rows = w.scratchBuf('rows', k * 4);
  const scores = w.scratchBuf('scores', k * 4);
  w.f32(q, query.length).set(query);
  if (filter) w.u8(bits, filter.bits.length).set(filter.bits.subarray(0, Math.ceil(filter.rows / 8)));
  const n = w.check(call(q, bits, filter ? filter.rows : 0, rows, scores), context);
  return { ids: w.i32(rows, n).slice(), distances: w.f32(scores, n).slice() };
}

/** Copies `vectors` into wasm memory in chunks and calls `add(ptr, n, firstRow)` for each. */
export function addInChunks(w: QuiverWasm, vectors: Float32Array, dim: number, firstRow: number, add: (ptr: number, n: number, firstRow: number) => number, context: string): void {
  const total = vectors.length / dim;
  const perChunk = Math.max(1, Math.floor(ADD_CHUNK_BYTES / (dim * 4)));
  for (let start = 0; start < total; start += perChunk) {
    const n = Math.min(perChunk, total - start);
    const p = w.scratchBuf('vectors', n * dim * 4);
    w.f32(p, n * dim).set(vectors.subarray(start * dim, (start + n) * dim));
    w.check(add(p, n, firstRow + start), context);
  }
}

/** Copies a serialized payload out of wasm memory (and frees it there) into a new blob at `offset`. */
export function takeSerialized(w: QuiverWasm, serialize: (outSize: number) => number, context: string, alloc: (length: number) => Uint8Array, offset: number): Uint8Array {
  const outSize = w.scratchBuf('outSize', 4);
  const p = w.checkPtr(serialize(outSize), context);
  try {
    const len = w.u32At(outSize);
    const blob = alloc(len);
    blob.set(w.u8(p, len), offset);
    return blob;
  } finally {
    w.free(p);
  }
}

/** Copies `bytes` into a fresh wasm allocation, calls `load(ptr, length)`, frees the copy. */
export function loadFrom(w: QuiverWasm, bytes: Uint8Array, context: string, load: (ptr: number, length: number) => number): number {
  const p = w.alloc(Math.max(1, bytes.length), context);
  try {
    w.u8(p, bytes.length).set(bytes);
    return w.checkPtr(load(p, bytes.length), context);
  } finally {
    w.free(p);
  }
}

/** Throws QuiverError Closed for a disposed index. */
export function closed(name: string): never {
  throw new QuiverError(ErrorCode.Closed, `ANN index '${name}' was disposed`);
}
