import { ErrorCode, QuiverError } from '../errors.js';
import type { Pk } from '../schema/types.js';
import { decodeChunk, encodeChunk } from '../segment/codec.js';
import type { Chunk } from '../segment/column.js';
import { ByteReader, ByteWriter } from '../util/bytes.js';
import { crc32 } from '../util/crc32.js';

// Segment and delta files (docs/formats.md). Layout of both:
//   magic (4) | u16 format version | u16 flags | u32 crc32(body) | u32 reserved | u64 body length | body
// The 24-byte header keeps the body 8-byte aligned so fixed-width columns decode in place.

const HEADER = 24;
/** Magic of a segment data file. */
export const SEGMENT_MAGIC = 'QSEG';
/** Magic of a delta (deletes) file. */
export const DELTA_MAGIC = 'QDEL';
const VERSION = 1;
const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

function frame(magic: string, body: (w: ByteWriter) => void, sizeHint: number): Uint8Array {
  const w = new ByteWriter(sizeHint);
  w.bytes(utf8.encode(magic)).u16(VERSION).u16(0).u32(0).u32(0).u64(0);
  body(w);
  const out = w.finish();
  const bodyLen = out.length - HEADER;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint32(8, crc32(out.subarray(HEADER)), true);
  view.setBigUint64(16, BigInt(bodyLen), true);
  return out.slice();
}

function unframe(bytes: Uint8Array, magic: string, name: string): ByteReader {
  const bad = (msg: string): never => {
    throw new QuiverError(ErrorCode.Corrupted, `corrupted file ${name}: ${msg}`);
  };
  if (bytes.length < HEADER) bad(`${bytes.length} bytes is shorter than the header`);
  if (utf8d.decode(bytes.subarray(0, 4)) !== magic) bad(`bad magic (expected ${magic})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== VERSION) bad(`unsupported format version ${version}`);
  // Flags and reserved bytes are outside the checksum: version 1 defines them as zero, so damage
  // there is found too.
  if (view.getUint16(6, true) !== 0) bad(`unknown flags 0x${view.getUint16(6, true).toString(16)}`);
  if (view.getUint32(12, true) !== 0) bad('reserved header bytes are not zero');
  const len = Number(view.getBigUint64(16, true));
  if (len !== bytes.length - HEADER) bad(`body length ${len} but file holds ${bytes.length - HEADER}`);
  if (crc32(bytes.subarray(HEADER)) !== view.getUint32(8, true)) bad('checksum mismatch');
  const r = new ByteReader(bytes, (m) => bad(m));
  r.pos = HEADER;
  return r;
}

/** Encodes a sealed segment's rows (with `$ts`) as a segment file. */
export function encodeSegment(chunk: Chunk): Uint8Array {
  let hint = 1024;
  for (const c of Object.values(chunk.columns)) hint += 'byteLength' in c.values ? c.values.byteLength : c.values.length * 16;
  return frame(SEGMENT_MAGIC, (w) => encodeChunk(w, chunk), hint);
}

/** Decodes and verifies a segment file; corruption names `name`. */
export function decodeSegment(bytes: Uint8Array, name: string, int64Arrays?: ReadonlySet<string>): Chunk {
  return decodeChunk(unframe(bytes, SEGMENT_MAGIC, name), name, int64Arrays);
}

/** A batch of deletes written at a flush. */
export interface DeltaEntry {
  readonly pk: Pk;
  readonly ts: bigint;
}

/** Encodes deletes as a delta file. */
export function encodeDelta(entries: readonly DeltaEntry[]): Uint8Array {
  const text = JSON.stringify(entries.map((e) => [typeof e.pk === 'bigint' ? `i${e.pk}` : `s${e.pk}`, e.ts.toString()]));
  return frame(DELTA_MAGIC, (w) => w.bytes(utf8.encode(text)), text.length + 64);
}

/** Decodes and verifies a delta file. */
export function decodeDelta(bytes: Uint8Array, name: string): DeltaEntry[] {
  const r = unframe(bytes, DELTA_MAGIC, name);
  const raw = JSON.parse(utf8d.decode(r.bytes(r.remaining))) as [string, string][];
  return raw.map(([k, ts]) => ({ pk: k[0] === 'i' ? BigInt(k.slice(1)) : k.slice(1), ts: BigInt(ts) }));
}
