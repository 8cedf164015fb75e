import { ErrorCode, QuiverError } from '../errors.js';
import { allocBlob, BLOB_HEADER_BYTES, openBlob, PayloadEncoding, sealBlob } from './blob.js';
import { intParam } from './params.js';
import type { MetricType } from './types.js';

/**
 * hnswlib's index file written by `saveIndex` has no fixed layout: its header fields and labels are
 * `size_t`, 8 bytes on 64-bit builds (hnswlib-node, Python hnswlib — the layout Quiver stores) and
 * 4 bytes on wasm32 builds (the hnswlib-wasm package). These functions recognise either and convert
 * between them, so indexes move between all of them.
 *
 * Header, in order: offsetLevel0, max_elements, cur_element_count, size_data_per_element,
 * label_offset, offsetData (size_t each), maxlevel (int32), enterpoint_node (uint32), maxM, maxM0,
 * M (size_t), mult (float64), ef_construction (size_t). Then, per element, its level-0 record
 * (links, vector, label as size_t), then, per element, a uint32 byte count and its upper links.
 */

/** Bytes in hnswlib's `size_t`: 8 on 64-bit builds, 4 on wasm32. */
export type HnswlibWordSize = 4 | 8;

/** The header of a raw hnswlib index file. */
export interface HnswlibHeader {
  readonly wordSize: HnswlibWordSize;
  readonly maxElements: number;
  readonly count: number;
  readonly sizeDataPerElement: number;
  readonly labelOffset: number;
  readonly offsetData: number;
  readonly maxLevel: number;
  readonly enterPoint: number;
  readonly maxM: number;
  readonly maxM0: number;
  readonly M: number;
  readonly mult: number;
  readonly efConstruction: number;
  /** Header size in bytes. */
  readonly headerBytes: number;
}

function parseHeader(b: Uint8Array, w: HnswlibWordSize): HnswlibHeader | null {
  const headerBytes = 10 * w + 16;
  if (b.length < headerBytes) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  let at = 0;
  const word = (): number => {
    const v = w === 8 ? dv.getUint32(at, true) + dv.getUint32(at + 4, true) * 2 ** 32 : dv.getUint32(at, true);
    at += w;
    return v;
  };
  const offsetLevel0 = word();
  const maxElements = word();
  const count = word();
  const sizeDataPerElement = word();
  const labelOffset = word();
  const offsetData = word();
  const maxLevel = dv.getInt32(at, true);
  const enterPoint = dv.getUint32(at + 4, true);
  at += 8;
  const maxM = word();
  const maxM0 = word();
  const M = word();
  const mult = dv.getFloat64(at, true);
  at += 8;
  const efConstruction = word();
  if (offsetLevel0 !== 0 || offsetData !== maxM0 * 4 + 4 || sizeDataPerElement !== labelOffset + w || count > maxElements) return null;
  return { wordSize: w, maxElements, count, sizeDataPerElement, labelOffset, offsetData, maxLevel, enterPoint, maxM, maxM0, M, mult, efConstruction, headerBytes };
}

/** Reads the header of a raw hnswlib file for `dim`-dimensional float vectors, recognising its word size. */
export function readHnswlibHeader(raw: Uint8Array, dim: number, name: string): HnswlibHeader {
  for (const w of [8, 4] as const) {
    const h = parseHeader(raw, w);
    if (h && h.labelOffset === h.offsetData + 4 * dim) return h;
  }
  throw new QuiverError(ErrorCode.Corrupted, `hnswlib index '${name}' is corrupted: not an hnswlib file of ${dim}-dimensional float vectors`);
}

/** Rewrites a raw hnswlib file with `size_t` fields and labels of `to` bytes. */
export function convertHnswlibLayout(raw: Uint8Array, dim: number, to: HnswlibWordSize, name: string): Uint8Array {
  const h = readHnswlibHeader(raw, dim, name);
  if (h.wordSize === to) return raw;
  const from = h.wordSize;
  const level0In = h.count * h.sizeDataPerElement;
  if (raw.length < h.headerBytes + level0In) {
    throw new QuiverError(ErrorCode.Corrupted, `hnswlib index '${name}' is corrupted: level 0 is cut short`);
  }
  const upper = raw.subarray(h.headerBytes + level0In);
  const recOut = h.labelOffset + to;
  const out = new Uint8Array(10 * to + 16 + h.count * recOut + upper.length);
  const dv = new DataView(out.buffer);
  let at = 0;
  const word = (v: number) => {
    dv.setUint32(at, v % 2 ** 32, true);
    if (to === 8) dv.setUint32(at + 4, Math.floor(v / 2 ** 32), true);
    at += to;
  };
  word(0);
  word(h.maxElements);
  word(h.count);
  word(recOut);
  word(h.labelOffset);
  word(h.offsetData);
  dv.setInt32(at, h.maxLevel, true);
  dv.setUint32(at + 4, h.enterPoint, true);
  at += 8;
  word(h.maxM);
  word(h.maxM0);
  word(h.M);
  dv.setFloat64(at, h.mult, true);
  at += 8;
  word(h.efConstruction);
  const inDv = new DataView(raw.buffer, raw.byteOffset, raw.length);
  for (let i = 0; i < h.count; i++) {
    const src = h.headerBytes + i * h.sizeDataPerElement;
    out.set(raw.subarray(src, src + h.labelOffset), at);
    const lo = inDv.getUint32(src + h.labelOffset, true);
    const hi = from === 8 ? inDv.getUint32(src + h.labelOffset + 4, true) : 0;
    if (hi !== 0) throw new QuiverError(ErrorCode.Corrupted, `hnswlib index '${name}': label ${hi * 2 ** 32 + lo} does not fit a uint32 row`);
    dv.setUint32(at + h.labelOffset, lo, true);
    at += recOut;
  }
  out.set(upper, at);
  return out;
}

/** Wraps a raw hnswlib file (either word size) in an ANN index blob that any Quiver engine loads. */
export function blobFromHnswlib(raw: Uint8Array, opts: { dim: number; metric: MetricType; name: string }): Uint8Array {
  const dim = intParam(opts.dim, 'dim', 1, 32768);
  const payload = convertHnswlibLayout(raw, dim, 8, opts.name);
  const h = readHnswlibHeader(payload, dim, opts.name);
  const blob = allocBlob(payload.length);
  blob.set(payload, BLOB_HEADER_BYTES);
  return sealBlob(blob, {
    kind: 'HNSW',
    metric: opts.metric,
    dim,
    encoding: PayloadEncoding.Hnswlib64,
    rows: h.count,
    M: h.M,
    efConstruction: h.efConstruction,
  });
}

/** The raw hnswlib file inside an HNSW blob, in the word size asked for (8: hnswlib-node/Python; 4: hnswlib-wasm). */
export function hnswlibFromBlob(blob: Uint8Array, name: string, wordSize: HnswlibWordSize = 8): { raw: Uint8Array; dim: number; metric: MetricType } {
  const { header, payload } = openBlob(blob, name);
  if (header.kind !== 'HNSW') throw new QuiverError(ErrorCode.InvalidParameter, `ANN index '${name}' is a ${header.kind} index, not HNSW`);
  return { raw: convertHnswlibLayout(payload, header.dim, wordSize, name), dim: header.dim, metric: header.metric };
}
