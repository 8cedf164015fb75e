import { ErrorCode, QuiverError, crc32 } from '@quiver/core';

// One WAL record (docs/formats.md, "WAL"), the same frame as the file WAL of @quiver/node, all
// integers little-endian:
//   0 magic "QWAL" | 4 u16 version | 6 u16 flags | 8 u64 lsn | 16 u32 length | 20 u32 crc32 | 24 payload
// crc32 covers bytes 4..20 (version, flags, lsn, length) and then the payload. In IndexedDB each
// frame is one value of the `wal` store, keyed by its LSN.

/** Bytes of a frame header. */
export const FRAME_HEADER_BYTES = 24;
/** The WAL frame format version this code writes and reads. */
export const WAL_FORMAT_VERSION = 1;
/** Flag: more records of the same append follow (an append is all-or-nothing). */
export const FLAG_CONTINUED = 1;
const MAGIC = [0x51, 0x57, 0x41, 0x4c]; // "QWAL"

/** Frames one record into its own buffer (copying it); the LSN and CRC come with {@link stampFrame}. */
export function frameRecord(record: Uint8Array, continued: boolean): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + record.length);
  const v = new DataView(out.buffer);
  out.set(MAGIC, 0);
  v.setUint16(4, WAL_FORMAT_VERSION, true);
  v.setUint16(6, continued ? FLAG_CONTINUED : 0, true);
  v.setUint32(16, record.length, true);
  out.set(record, FRAME_HEADER_BYTES);
  return out;
}

/** Gives a frame its LSN and its CRC. */
export function stampFrame(frame: Uint8Array, lsn: number): void {
  const v = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  v.setUint32(8, lsn % 0x1_0000_0000, true);
  v.setUint32(12, Math.floor(lsn / 0x1_0000_0000), true);
  v.setUint32(20, frameCrc(frame), true);
}

function frameCrc(frame: Uint8Array): number {
  return crc32(frame.subarray(FRAME_HEADER_BYTES), crc32(frame.subarray(4, 20)));
}

/** A verified frame: its payload (a view over the frame's own buffer) and flags. */
export interface OpenedFrame {
  readonly data: Uint8Array;
  readonly continued: boolean;
}

/**
 * Verifies the stored value of record `lsn` and returns its payload, or throws `Corrupted` naming
 * `where` (the store and database) and the LSN.
 */
export function openFrame(value: unknown, lsn: number, where: string): OpenedFrame {
  const bad = (reason: string) => new QuiverError(ErrorCode.Corrupted, `WAL record ${lsn} in ${where} is corrupted: ${reason}`);
  if (!(value instanceof ArrayBuffer)) throw bad(`the stored value is not bytes (${Object.prototype.toString.call(value)})`);
  const frame = new Uint8Array(value);
  if (frame.length < FRAME_HEADER_BYTES) throw bad(`${frame.length} bytes, shorter than a frame header`);
  const v = new DataView(value);
  if (MAGIC.some((b, i) => frame[i] !== b)) throw bad(`bad magic ${hex(frame.subarray(0, 4))} (expected "QWAL")`);
  const version = v.getUint16(4, true);
  if (version !== WAL_FORMAT_VERSION) throw bad(`unsupported WAL format version ${version} (this build reads ${WAL_FORMAT_VERSION})`);
  const flags = v.getUint16(6, true);
  if ((flags & ~FLAG_CONTINUED) !== 0) throw bad(`unknown flags 0x${flags.toString(16)}`);
  const stored = v.getUint32(8, true) + v.getUint32(12, true) * 0x1_0000_0000;
  if (stored !== lsn) throw bad(`the frame says LSN ${stored}`);
  const length = v.getUint32(16, true);
  if (length !== frame.length - FRAME_HEADER_BYTES) throw bad(`length field ${length} but ${frame.length - FRAME_HEADER_BYTES} payload bytes`);
  if (v.getUint32(20, true) !== frameCrc(frame)) throw bad('CRC mismatch');
  return { data: frame.subarray(FRAME_HEADER_BYTES), continued: (flags & FLAG_CONTINUED) !== 0 };
}

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
