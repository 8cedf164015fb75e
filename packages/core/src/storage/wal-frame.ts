import { ErrorCode, QuiverError } from '../errors.js';
import { crc32 } from '../util/crc32.js';

// One WAL record (docs/formats.md, "WAL"), the frame every platform's WAL stores, all integers
// little-endian:
//   0 magic "QWAL" | 4 u16 version | 6 u16 flags | 8 u64 lsn | 16 u32 length | 20 u32 crc32 | 24 payload
// crc32 covers bytes 4..20 (version, flags, lsn, length) and then the payload. The file WAL writes
// frames back to back; IndexedDB keeps one frame per key.

/** Bytes of a WAL frame header. */
export const WAL_FRAME_HEADER_BYTES = 24;
/** The WAL frame format version this code writes and reads. */
export const WAL_FORMAT_VERSION = 1;
/** WAL frame flag: more records of the same append follow (an append is all-or-nothing). */
export const WAL_FLAG_CONTINUED = 1;
const KNOWN_FLAGS = WAL_FLAG_CONTINUED;
const MAGIC = [0x51, 0x57, 0x41, 0x4c]; // "QWAL"

/** A CRC-32 function with core's {@link crc32} signature (a platform may pass a native one). */
export type Crc32Fn = (data: Uint8Array, crc?: number) => number;

function view(buf: Uint8Array, at = 0, length = buf.byteLength - at): DataView {
  return new DataView(buf.buffer, buf.byteOffset + at, length);
}

/** Writes the frame of `record` at `at` in `out`, all but its LSN and CRC; returns the offset after it. */
function writeFrame(out: Uint8Array, at: number, record: Uint8Array, continued: boolean): number {
  const v = view(out, at, WAL_FRAME_HEADER_BYTES);
  out.set(MAGIC, at);
  v.setUint16(4, WAL_FORMAT_VERSION, true);
  v.setUint16(6, continued ? WAL_FLAG_CONTINUED : 0, true);
  v.setUint32(16, record.length, true);
  out.set(record, at + WAL_FRAME_HEADER_BYTES);
  return at + WAL_FRAME_HEADER_BYTES + record.length;
}

/**
 * Frames one append's records back to back in a single buffer from `alloc`, copying the payloads.
 * Frames are complete but for their LSNs and CRCs, which {@link stampWalFrames} fills in when the
 * LSNs are known. Every frame but the last carries {@link WAL_FLAG_CONTINUED}.
 */
export function frameWalRecords<T extends Uint8Array>(records: readonly Uint8Array[], alloc: (bytes: number) => T): T {
  let total = 0;
  for (const r of records) total += WAL_FRAME_HEADER_BYTES + r.length;
  const out = alloc(total);
  let at = 0;
  records.forEach((r, i) => {
    at = writeFrame(out, at, r, i < records.length - 1);
  });
  return out;
}

/** Frames one record into its own buffer (copying it); the LSN and CRC come with {@link stampWalFrames}. */
export function frameWalRecord(record: Uint8Array, continued: boolean): Uint8Array {
  const out = new Uint8Array(WAL_FRAME_HEADER_BYTES + record.length);
  writeFrame(out, 0, record, continued);
  return out;
}

/** Gives the frames in `buf` the LSNs `firstLsn`, `firstLsn + 1`, … and their CRCs; returns how many. */
export function stampWalFrames(buf: Uint8Array, firstLsn: number, crc: Crc32Fn = crc32): number {
  const v = view(buf);
  let at = 0;
  let lsn = firstLsn;
  while (at < buf.length) {
    const length = v.getUint32(at + 16, true);
    v.setUint32(at + 8, lsn % 0x1_0000_0000, true);
    v.setUint32(at + 12, Math.floor(lsn / 0x1_0000_0000), true);
    v.setUint32(at + 20, walFrameCrc(buf, at, length, crc), true);
    at += WAL_FRAME_HEADER_BYTES + length;
    lsn++;
  }
  return lsn - firstLsn;
}

/**
 * CRC of the frame at `at` in `buf` whose payload (at `at + 24`) is `length` bytes long: version,
 * flags, lsn and the length field as stored, then the payload.
 */
export function walFrameCrc(buf: Uint8Array, at: number, length: number, crc: Crc32Fn = crc32): number {
  const head = crc(buf.subarray(at + 4, at + 20));
  return crc(buf.subarray(at + WAL_FRAME_HEADER_BYTES, at + WAL_FRAME_HEADER_BYTES + length), head);
}

/**
 * CRC of the frame at `at` as if its length field said `length` (tells a torn tail from a complete
 * last record whose length field was damaged).
 */
export function walFrameCrcWithLength(buf: Uint8Array, at: number, length: number, crc: Crc32Fn = crc32): number {
  const fields = buf.slice(at + 4, at + 20);
  view(fields).setUint32(12, length, true);
  return crc(buf.subarray(at + WAL_FRAME_HEADER_BYTES, at + WAL_FRAME_HEADER_BYTES + length), crc(fields));
}

/** Why the complete header at `at` is invalid (magic, version, flags), if it is. */
function headerProblem(buf: Uint8Array, at: number, v: DataView): string | undefined {
  if (MAGIC.some((b, i) => buf[at + i] !== b)) return `bad magic ${hex(buf.subarray(at, at + 4))} (expected "QWAL")`;
  const version = v.getUint16(4, true);
  if (version !== WAL_FORMAT_VERSION) return `unsupported WAL format version ${version} (this build reads ${WAL_FORMAT_VERSION})`;
  const flags = v.getUint16(6, true);
  if ((flags & ~KNOWN_FLAGS) !== 0) return `unknown flags 0x${flags.toString(16)}`;
  return undefined;
}

/** A parsed WAL frame header; `problem` is set when the (complete) header itself is invalid. */
export interface WalFrameHeader {
  readonly flags: number;
  readonly lsn: number;
  readonly length: number;
  readonly crc: number;
  readonly problem?: string;
}

/** Parses the 24 header bytes at `at` in `buf` (a frame read from a stream of frames). */
export function parseWalFrameHeader(buf: Uint8Array, at: number): WalFrameHeader {
  const v = view(buf, at, WAL_FRAME_HEADER_BYTES);
  const flags = v.getUint16(6, true);
  const lsn = v.getUint32(8, true) + v.getUint32(12, true) * 0x1_0000_0000;
  const length = v.getUint32(16, true);
  const crc = v.getUint32(20, true);
  const problem = headerProblem(buf, at, v) ?? (Number.isSafeInteger(lsn) ? undefined : 'lsn beyond 2^53');
  return problem === undefined ? { flags, lsn, length, crc } : { flags, lsn, length, crc, problem };
}

/** A verified frame: its payload (a view over the frame's bytes) and whether the append continues. */
export interface OpenedWalFrame {
  readonly data: Uint8Array;
  readonly continued: boolean;
}

/** The `Corrupted` error for WAL record `lsn` stored in `where` (the file, or store and database). */
export function walRecordCorrupted(lsn: number, where: string, reason: string): QuiverError {
  return new QuiverError(ErrorCode.Corrupted, `WAL record ${lsn} in ${where} is corrupted: ${reason}`);
}

/**
 * Verifies `frame`, stored alone as record `lsn`, and returns its payload, or throws `Corrupted`
 * naming `where` and the LSN (see {@link walRecordCorrupted}).
 */
export function openWalFrame(frame: Uint8Array, lsn: number, where: string, crc: Crc32Fn = crc32): OpenedWalFrame {
  const bad = (reason: string) => walRecordCorrupted(lsn, where, reason);
  if (frame.length < WAL_FRAME_HEADER_BYTES) throw bad(`${frame.length} bytes, shorter than a frame header`);
  const v = view(frame);
  const problem = headerProblem(frame, 0, v);
  if (problem !== undefined) throw bad(problem);
  const stored = v.getUint32(8, true) + v.getUint32(12, true) * 0x1_0000_0000;
  if (stored !== lsn) throw bad(`the frame says LSN ${stored}`);
  const length = v.getUint32(16, true);
  if (length !== frame.length - WAL_FRAME_HEADER_BYTES) throw bad(`length field ${length} but ${frame.length - WAL_FRAME_HEADER_BYTES} payload bytes`);
  if (v.getUint32(20, true) !== walFrameCrc(frame, 0, length, crc)) throw bad('CRC mismatch');
  return { data: frame.subarray(WAL_FRAME_HEADER_BYTES), continued: (v.getUint16(6, true) & WAL_FLAG_CONTINUED) !== 0 };
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
