import type { FileHandle } from 'node:fs/promises';
import { WAL_FRAME_HEADER_BYTES, parseWalFrameHeader, walFrameCrc, walFrameCrcWithLength } from '@quiver/core';
import { crc32 } from './fs-util.js';

/** What {@link FrameReader.next} found at an offset. */
export type FrameRead =
  | { readonly kind: 'end' }
  | { readonly kind: 'frame'; readonly lsn: number; readonly flags: number; readonly end: number; readonly data?: Uint8Array }
  /** The frame runs past the end of the file: an append cut short by a crash (if this is the log's tail). */
  | { readonly kind: 'torn'; readonly reason: string }
  /** A complete frame that fails its magic, version, flags or checksum. */
  | { readonly kind: 'bad'; readonly reason: string };

/** How much of a frame's payload {@link FrameReader.next} reads. */
export type PayloadMode = 'skip' | 'verify' | 'copy';

const CHUNK = 1 << 20;

/** Reads WAL frames from the first `size` bytes of a file through a 1 MiB buffer (grown for big records). */
export class FrameReader {
  readonly #fh: FileHandle;
  readonly #size: number;
  #buf = Buffer.alloc(0);
  #bufAt = 0;
  #bufLen = 0;

  constructor(fh: FileHandle, size: number) {
    this.#fh = fh;
    this.#size = size;
  }

  /** Parses the frame at byte `at`: with `skip` the payload is neither read nor checked. */
  async next(at: number, mode: PayloadMode): Promise<FrameRead> {
    if (at >= this.#size) return { kind: 'end' };
    const got = await this.#ensure(at, WAL_FRAME_HEADER_BYTES);
    if (got < WAL_FRAME_HEADER_BYTES) return { kind: 'torn', reason: `header cut short by the end of the file (${got} of ${WAL_FRAME_HEADER_BYTES} bytes)` };
    const h = parseWalFrameHeader(this.#buf, at - this.#bufAt);
    if (h.problem !== undefined) return { kind: 'bad', reason: h.problem };
    const end = at + WAL_FRAME_HEADER_BYTES + h.length;
    if (end > this.#size) {
      const have = this.#size - at - WAL_FRAME_HEADER_BYTES;
      // A torn payload cannot match the stored CRC; a complete last record whose length field was
      // damaged does when checked with the length it really has. That one is corruption, not a tear.
      await this.#ensure(at, WAL_FRAME_HEADER_BYTES + have);
      if (walFrameCrcWithLength(this.#buf, at - this.#bufAt, have, crc32) === h.crc) {
        return { kind: 'bad', reason: `length field says ${h.length} bytes but the record is complete with ${have} (damaged length)` };
      }
      // A torn append is a prefix of one write: nothing valid can follow it. A complete record after
      // this header means its length field was damaged, and cutting here would drop acknowledged records.
      const next = await this.#validFrameAfter(at + WAL_FRAME_HEADER_BYTES);
      if (next !== undefined) {
        return { kind: 'bad', reason: `length field says ${h.length} bytes, past the end of the file, but a complete record follows at byte ${next} (damaged length)` };
      }
      return { kind: 'torn', reason: `payload cut short by the end of the file (${have} of ${h.length} bytes)` };
    }
    if (mode === 'skip') return { kind: 'frame', lsn: h.lsn, flags: h.flags, end };
    await this.#ensure(at, WAL_FRAME_HEADER_BYTES + h.length);
    const off = at - this.#bufAt;
    const crc = walFrameCrc(this.#buf, off, h.length, crc32);
    if (crc !== h.crc) return { kind: 'bad', reason: `checksum mismatch (stored ${hex32(h.crc)}, computed ${hex32(crc)})` };
    if (mode === 'verify') return { kind: 'frame', lsn: h.lsn, flags: h.flags, end };
    const data = new Uint8Array(this.#buf.subarray(off + WAL_FRAME_HEADER_BYTES, off + WAL_FRAME_HEADER_BYTES + h.length));
    return { kind: 'frame', lsn: h.lsn, flags: h.flags, end, data };
  }

  /** The offset of the first complete, checksum-valid frame starting at or after `from`, if any. */
  async #validFrameAfter(from: number): Promise<number | undefined> {
    const rest = this.#size - from;
    if (rest < WAL_FRAME_HEADER_BYTES) return undefined;
    await this.#ensure(from, rest);
    const base = from - this.#bufAt;
    for (let p = 0; p + WAL_FRAME_HEADER_BYTES <= rest; p++) {
      const i = base + p;
      if (this.#buf[i] !== 0x51 || this.#buf[i + 1] !== 0x57 || this.#buf[i + 2] !== 0x41 || this.#buf[i + 3] !== 0x4c) continue;
      const h = parseWalFrameHeader(this.#buf, i);
      if (h.problem !== undefined || p + WAL_FRAME_HEADER_BYTES + h.length > rest) continue;
      if (walFrameCrc(this.#buf, i, h.length, crc32) === h.crc) return from + p;
    }
    return undefined;
  }

  /** Makes bytes [at, at + n) (clipped to the size) available in the buffer; returns how many are. */
  async #ensure(at: number, n: number): Promise<number> {
    const want = Math.min(n, this.#size - at);
    if (at >= this.#bufAt && at + want <= this.#bufAt + this.#bufLen) return want;
    const toRead = Math.min(Math.max(CHUNK, want), this.#size - at);
    if (this.#buf.length < toRead) this.#buf = Buffer.allocUnsafe(Math.max(toRead, CHUNK));
    let got = 0;
    while (got < toRead) {
      const { bytesRead } = await this.#fh.read(this.#buf, got, toRead - got, at + got);
      if (bytesRead === 0) break; // the file is shorter than expected: the caller sees a short frame
      got += bytesRead;
    }
    this.#bufAt = at;
    this.#bufLen = got;
    return Math.min(want, got);
  }
}

function hex32(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
