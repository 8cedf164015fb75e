import { ErrorCode, QuiverError } from '../errors.js';
import { crc32 } from '../util/crc32.js';
import { metricCode, metricFromCode } from './params.js';
import type { IndexKind, MetricType } from './types.js';

/**
 * The ANN index blob (docs/formats.md, "ANN index file"): a 48-byte header with its own CRC32,
 * then the engine's payload with another. Little-endian throughout.
 *
 *   0  4  magic "QANN"
 *   4  2  format version (1)
 *   6  1  kind: 1 FLAT, 2 HNSW
 *   7  1  metric: 0 L2, 1 IP, 2 COSINE
 *   8  4  dim
 *  12  4  payload encoding: 1 = Quiver FLAT v1, 2 = hnswlib (64-bit layout)
 *  16  4  live rows when written (informational)
 *  20  4  HNSW M (0 for FLAT)
 *  24  4  HNSW efConstruction (0 for FLAT)
 *  28  4  reserved, 0
 *  32  8  payload length (uint64)
 *  40  4  CRC32 of the payload
 *  44  4  CRC32 of bytes 0..43
 *  48  …  payload
 */
export const BLOB_MAGIC = 0x4e4e4151; // "QANN" read as a little-endian uint32
/** Current blob format version. */
export const BLOB_VERSION = 1;
/** Header size in bytes. */
export const BLOB_HEADER_BYTES = 48;
/** Payload encodings. */
export const PayloadEncoding = { QuiverFlatV1: 1, Hnswlib64: 2 } as const;

/** The header fields of an ANN index blob. */
export interface BlobHeader {
  readonly kind: IndexKind;
  readonly metric: MetricType;
  readonly dim: number;
  readonly encoding: number;
  readonly rows: number;
  readonly M: number;
  readonly efConstruction: number;
}

/** Allocates a blob for a payload of `payloadLength` bytes; the caller copies the payload to offset 48, then calls sealBlob. */
export function allocBlob(payloadLength: number): Uint8Array {
  return new Uint8Array(BLOB_HEADER_BYTES + payloadLength);
}

/** Writes the header (and both checksums) of a blob whose payload is in place. */
export function sealBlob(blob: Uint8Array, h: BlobHeader): Uint8Array {
  const dv = new DataView(blob.buffer, blob.byteOffset, BLOB_HEADER_BYTES);
  const payload = blob.subarray(BLOB_HEADER_BYTES);
  dv.setUint32(0, BLOB_MAGIC, true);
  dv.setUint16(4, BLOB_VERSION, true);
  dv.setUint8(6, h.kind === 'FLAT' ? 1 : 2);
  dv.setUint8(7, metricCode(h.metric));
  dv.setUint32(8, h.dim, true);
  dv.setUint32(12, h.encoding, true);
  dv.setUint32(16, h.rows, true);
  dv.setUint32(20, h.M, true);
  dv.setUint32(24, h.efConstruction, true);
  dv.setUint32(28, 0, true);
  dv.setUint32(32, payload.length % 2 ** 32, true);
  dv.setUint32(36, Math.floor(payload.length / 2 ** 32), true);
  dv.setUint32(40, crc32(payload), true);
  dv.setUint32(44, crc32(blob.subarray(0, 44)), true);
  return blob;
}

function corrupt(name: string, why: string): never {
  throw new QuiverError(ErrorCode.Corrupted, `ANN index '${name}' is corrupted: ${why}`);
}

/** Checks a blob's magic, version, header and payload checksums; returns the header and the payload. */
export function openBlob(blob: Uint8Array, name: string): { header: BlobHeader; payload: Uint8Array } {
  if (!(blob instanceof Uint8Array)) throw new QuiverError(ErrorCode.InvalidParameter, `ANN index '${name}': expected a Uint8Array`);
  if (blob.length < BLOB_HEADER_BYTES) corrupt(name, `${blob.length} bytes is shorter than the ${BLOB_HEADER_BYTES}-byte header`);
  const dv = new DataView(blob.buffer, blob.byteOffset, BLOB_HEADER_BYTES);
  if (dv.getUint32(0, true) !== BLOB_MAGIC) corrupt(name, 'bad magic (not a Quiver ANN index)');
  if (dv.getUint32(44, true) !== crc32(blob.subarray(0, 44))) corrupt(name, 'header checksum mismatch');
  const version = dv.getUint16(4, true);
  if (version !== BLOB_VERSION) corrupt(name, `unsupported format version ${version} (this build reads ${BLOB_VERSION})`);
  const kindCode = dv.getUint8(6);
  const metric = metricFromCode(dv.getUint8(7));
  if ((kindCode !== 1 && kindCode !== 2) || metric === undefined) corrupt(name, `unknown kind ${kindCode} or metric ${dv.getUint8(7)}`);
  const length = dv.getUint32(32, true) + dv.getUint32(36, true) * 2 ** 32;
  if (length !== blob.length - BLOB_HEADER_BYTES) corrupt(name, `payload is ${blob.length - BLOB_HEADER_BYTES} bytes, header says ${length}`);
  const payload = blob.subarray(BLOB_HEADER_BYTES);
  if (dv.getUint32(40, true) !== crc32(payload)) corrupt(name, 'payload checksum mismatch');
  const kind: IndexKind = kindCode === 1 ? 'FLAT' : 'HNSW';
  const encoding = dv.getUint32(12, true);
  if (encoding !== (kind === 'FLAT' ? PayloadEncoding.QuiverFlatV1 : PayloadEncoding.Hnswlib64)) {
    corrupt(name, `payload encoding ${encoding} does not fit a ${kind} index`);
  }
  const header: BlobHeader = {
    kind,
    metric,
    dim: dv.getUint32(8, true),
    encoding,
    rows: dv.getUint32(16, true),
    M: dv.getUint32(20, true),
    efConstruction: dv.getUint32(24, true),
  };
  return { header, payload };
}
