import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.js';
import { expectQuiverError } from '../testing/index.js';
import { crc32 } from '../util/crc32.js';
import { WAL_FRAME_HEADER_BYTES, frameWalRecord, frameWalRecords, openWalFrame, parseWalFrameHeader, stampWalFrames, walFrameCrc, walFrameCrcWithLength } from './wal-frame.js';

const text = (s: string) => new TextEncoder().encode(s);
const alloc = (n: number) => new Uint8Array(n);

describe('WAL frame codec', () => {
  it('lays a frame out as docs/formats.md says', () => {
    const buf = frameWalRecords([text('hi'), text('there')], alloc);
    expect(stampWalFrames(buf, 2 ** 32 + 5)).toBe(2);
    const v = new DataView(buf.buffer);
    expect(buf.length).toBe(2 * WAL_FRAME_HEADER_BYTES + 7);
    expect(String.fromCharCode(...buf.subarray(0, 4))).toBe('QWAL');
    expect(v.getUint16(4, true)).toBe(1); // format version
    expect(v.getUint16(6, true)).toBe(1); // continued: the append has another record
    expect(v.getBigUint64(8, true)).toBe(2n ** 32n + 5n);
    expect(v.getUint32(16, true)).toBe(2);
    expect(v.getUint32(20, true)).toBe(crc32(buf.subarray(24, 26), crc32(buf.subarray(4, 20))));
    const second = buf.subarray(26);
    expect(v.getUint16(26 + 6, true)).toBe(0);
    expect(v.getBigUint64(26 + 8, true)).toBe(2n ** 32n + 6n);
    expect(v.getUint32(26 + 20, true)).toBe(crc32(second.subarray(24), crc32(second.subarray(4, 20))));
  });

  it('frames a record alone the same way, and opens it again', () => {
    const alone = frameWalRecord(text('there'), false);
    stampWalFrames(alone, 7);
    const together = frameWalRecords([text('there')], alloc);
    stampWalFrames(together, 7);
    expect(alone).toEqual(together);
    const opened = openWalFrame(alone, 7, 'here');
    expect(new TextDecoder().decode(opened.data)).toBe('there');
    expect(opened.continued).toBe(false);
    const first = frameWalRecord(text('a'), true);
    stampWalFrames(first, 6);
    expect(openWalFrame(first, 6, 'here').continued).toBe(true);
  });

  it('frames and stamps inside a buffer that starts at an offset', () => {
    const backing = new Uint8Array(64 + 2 * WAL_FRAME_HEADER_BYTES + 2);
    const buf = frameWalRecords([text('a'), text('b')], (n) => backing.subarray(64, 64 + n));
    stampWalFrames(buf, 1);
    const plain = frameWalRecords([text('a'), text('b')], alloc);
    stampWalFrames(plain, 1);
    expect(buf).toEqual(plain);
    expect(parseWalFrameHeader(buf, WAL_FRAME_HEADER_BYTES + 1)).toEqual({ flags: 0, lsn: 2, length: 1, crc: walFrameCrc(plain, 25, 1) });
  });

  it('names the record and the place in every corruption error', async () => {
    const good = () => {
      const f = frameWalRecord(text('payload'), false);
      stampWalFrames(f, 3);
      return f;
    };
    const damaged = (at: number, value: number) => {
      const f = good();
      f[at] = value;
      return f;
    };
    await expectQuiverError(() => openWalFrame(good().subarray(0, 10), 3, 'the place'), ErrorCode.Corrupted, 'WAL record 3 in the place is corrupted', '10 bytes, shorter than a frame header');
    await expectQuiverError(() => openWalFrame(damaged(0, 0), 3, 'the place'), ErrorCode.Corrupted, 'WAL record 3', 'bad magic 0057414c (expected "QWAL")');
    await expectQuiverError(() => openWalFrame(damaged(4, 9), 3, 'the place'), ErrorCode.Corrupted, 'unsupported WAL format version 9 (this build reads 1)');
    await expectQuiverError(() => openWalFrame(damaged(6, 4), 3, 'the place'), ErrorCode.Corrupted, 'unknown flags 0x4');
    await expectQuiverError(() => openWalFrame(good(), 4, 'the place'), ErrorCode.Corrupted, 'WAL record 4', 'the frame says LSN 3');
    await expectQuiverError(() => openWalFrame(damaged(16, 1), 3, 'the place'), ErrorCode.Corrupted, 'length field 1 but 7 payload bytes');
    await expectQuiverError(() => openWalFrame(damaged(30, 0), 3, 'the place'), ErrorCode.Corrupted, 'CRC mismatch');
  });

  it('parses headers of a stream of frames, flagging bad ones', () => {
    const f = frameWalRecord(text('xyz'), false);
    stampWalFrames(f, 9);
    expect(parseWalFrameHeader(f, 0).problem).toBeUndefined();
    const far = f.slice();
    new DataView(far.buffer).setUint32(12, 0x0020_0000, true); // lsn >= 2^53
    expect(parseWalFrameHeader(far, 0).problem).toBe('lsn beyond 2^53');
    const bad = f.slice();
    bad[1] = 0;
    expect(parseWalFrameHeader(bad, 0).problem).toMatch(/^bad magic/);
  });

  it('computes the CRC a frame would have with another length field, leaving the frame as it is', () => {
    const f = frameWalRecord(text('abcdef'), false);
    stampWalFrames(f, 1);
    const before = f.slice();
    expect(walFrameCrcWithLength(f, 0, 6)).toBe(new DataView(f.buffer).getUint32(20, true));
    const cut = frameWalRecord(text('abc'), false); // same fields, length 3
    stampWalFrames(cut, 1);
    expect(walFrameCrcWithLength(f, 0, 3)).toBe(walFrameCrc(cut, 0, 3));
    expect(f).toEqual(before);
  });
});
