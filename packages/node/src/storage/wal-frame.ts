import { crc32 } from './fs-util.js';

// One WAL record on disk (docs/formats.md, "WAL"), all integers little-endian:
//   0  magic "QWAL" | 4 u16 version | 6 u16 flags | 8 u64 lsn | 16 u32 length | 20 u32 crc32 | 24 payload
// crc32 covers bytes 4..20 (version, flags, lsn, length) and then the payload.

/** Bytes of a frame header. */
export const FRAME_HEADER_BYTES = 24;
/** The WAL frame format version this code writes and reads. */
export const WAL_FORMAT_VERSION = 1;
/** Flag: more records of the same append follow in the next frames (an append is all-or-nothing). */
export const FLAG_CONTINUED = 1;
const KNOWN_FLAGS = FLAG_CONTINUED;
const MAGIC = [0x51, 0x57, 0x41, 0x4c]; // "QWAL"

/**
 * Frames one append's records into a single buffer, copying the payloads. Frames are complete but
 * for their LSNs and CRCs, which {@link stampFrames} fills in when the LSNs are known. Every frame
 * but the last carries {@link FLAG_CONTINUED}.
 */
export function frameRecords(records: readonly Uint8Array[]): Buffer {
  let total = 0;
  for (const r of records) total += FRAME_HEADER_BYTES + r.length;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  records.forEach((r, i) => {
    out.set(MAGIC, at);
    out.writeUInt16LE(WAL_FORMAT_VERSION, at + 4);
    out.writeUInt16LE(i < records.length - 1 ? FLAG_CONTINUED : 0, at + 6);
    out.writeUInt32LE(r.length, at + 16);
    out.set(r, at + FRAME_HEADER_BYTES);
    at += FRAME_HEADER_BYTES + r.length;
  });
  return out;
}

/** Gives the frames in `buf` the LSNs `firstLsn`, `firstLsn + 1`, … and their CRCs; returns how many. */
export function stampFrames(buf: Buffer, firstLsn: number): number {
  let at = 0;
  let lsn = firstLsn;
  while (at < buf.length) {
    const length = buf.readUInt32LE(at + 16);
    buf.writeUInt32LE(lsn % 0x1_0000_0000, at + 8);
    buf.writeUInt32LE(Math.floor(lsn / 0x1_0000_0000), at + 12);
    buf.writeUInt32LE(frameCrc(buf, at, length), at + 20);
    at += FRAME_HEADER_BYTES + length;
    lsn++;
  }
  return lsn - firstLsn;
}

/** A parsed header; `problem` is set when the (complete) header itself is invalid. */
export interface FrameHeader {
  readonly flags: number;
  readonly lsn: number;
  readonly length: number;
  readonly crc: number;
  readonly problem?: string;
}

/** Parses the 24 header bytes at `at` in `buf`. */
export function parseHeader(buf: Uint8Array, at: number): FrameHeader {
  const v = new DataView(buf.buffer, buf.byteOffset + at, FRAME_HEADER_BYTES);
  const flags = v.getUint16(6, true);
  const lsn = v.getUint32(8, true) + v.getUint32(12, true) * 0x1_0000_0000;
  const length = v.getUint32(16, true);
  const crc = v.getUint32(20, true);
  let problem: string | undefined;
  if (MAGIC.some((b, i) => buf[at + i] !== b)) problem = `bad magic ${hex(buf.subarray(at, at + 4))} (expected "QWAL")`;
  else if (v.getUint16(4, true) !== WAL_FORMAT_VERSION) problem = `unsupported WAL format version ${v.getUint16(4, true)} (this build reads ${WAL_FORMAT_VERSION})`;
  else if ((flags & ~KNOWN_FLAGS) !== 0) problem = `unknown flags 0x${flags.toString(16)}`;
  else if (!Number.isSafeInteger(lsn)) problem = 'lsn beyond 2^53';
  return problem === undefined ? { flags, lsn, length, crc } : { flags, lsn, length, crc, problem };
}

/**
 * CRC of the frame at `at` in `buf` whose payload (at `at + 24`) is `length` bytes long: version,
 * flags, lsn and the length field as stored, then the payload.
 */
export function frameCrc(buf: Uint8Array, at: number, length: number): number {
  const head = crc32(buf.subarray(at + 4, at + 20));
  return crc32(buf.subarray(at + FRAME_HEADER_BYTES, at + FRAME_HEADER_BYTES + length), head);
}

/**
 * CRC of the frame at `at` as if its length field said `length` (used to tell a torn tail from a
 * complete last record whose length field was damaged).
 */
export function frameCrcWithLength(buf: Uint8Array, at: number, length: number): number {
  const fields = Buffer.from(buf.subarray(at + 4, at + 20));
  fields.writeUInt32LE(length, 12);
  return crc32(buf.subarray(at + FRAME_HEADER_BYTES, at + FRAME_HEADER_BYTES + length), crc32(fields));
}

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}
