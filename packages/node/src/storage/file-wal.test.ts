import { appendFile, mkdtemp, open, readFile, readdir, rm, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, WAL_FRAME_HEADER_BYTES as FRAME_HEADER_BYTES, crc32, frameWalRecords, stampWalFrames } from '@quiver/core';
import { expectQuiverError, readWal } from '@quiver/core/testing';
import { FileWal } from './file-wal.js';

const text = (s: string) => new TextEncoder().encode(s);
const untext = (b: Uint8Array) => new TextDecoder().decode(b);

let dir: string;
const walFile = (first: number) => join(dir, 'wal', `${String(first).padStart(20, '0')}.log`);
const frame = (lsn: number, ...records: string[]) => {
  const buf = frameWalRecords(records.map(text), (n) => Buffer.allocUnsafe(n));
  stampWalFrames(buf, lsn);
  return buf;
};
/** Writes records 1..n as n appends and closes the WAL; returns the byte offset of each record. */
async function logOf(n: number): Promise<number[]> {
  const wal = await FileWal.open(dir);
  for (let i = 1; i <= n; i++) await wal.append([text(`record ${i}`)]);
  await wal.close();
  return Array.from({ length: n }, (_, i) => i * (FRAME_HEADER_BYTES + 'record 1'.length));
}
async function flipByte(path: string, at: number): Promise<void> {
  const bytes = await readFile(path);
  bytes[at] = bytes[at]! ^ 0x40;
  await writeFile(path, bytes);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quiver-wal-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('FileWal on disk', () => {
  it('writes frames exactly as docs/formats.md lays them out', async () => {
    const wal = await FileWal.open(dir);
    await wal.append([text('hi'), text('there')]);
    await wal.close();
    const b = await readFile(walFile(1));
    expect(b.length).toBe(2 * FRAME_HEADER_BYTES + 7);
    expect(b.subarray(0, 4).toString('latin1')).toBe('QWAL');
    expect(b.readUInt16LE(4)).toBe(1); // format version
    expect(b.readUInt16LE(6)).toBe(1); // flags: continued, the append has another record
    expect(b.readBigUInt64LE(8)).toBe(1n);
    expect(b.readUInt32LE(16)).toBe(2);
    expect(b.readUInt32LE(20)).toBe(crc32(b.subarray(24, 26), crc32(b.subarray(4, 20))));
    expect(b.subarray(24, 26).toString()).toBe('hi');
    const second = b.subarray(26);
    expect(second.readUInt16LE(6)).toBe(0); // the append's last record
    expect(second.readBigUInt64LE(8)).toBe(2n);
    expect(second.readUInt32LE(20)).toBe(crc32(second.subarray(24), crc32(second.subarray(4, 20))));
  });

  it('cuts a torn tail, then appends after it with the next LSN', async () => {
    await logOf(3);
    const before = (await stat(walFile(1))).size;
    await appendFile(walFile(1), frame(4, 'never acknowledged').subarray(0, 30)); // payload cut short
    let wal = await FileWal.open(dir);
    expect(wal.recovery).toEqual({ file: walFile(1), droppedBytes: 30 });
    expect((await stat(walFile(1))).size).toBe(before);
    expect(wal.nextLsn()).toBe(4);
    expect(await wal.append([text('record 4')])).toEqual([4]);
    await wal.close();
    await appendFile(walFile(1), frame(5, 'x').subarray(0, 10)); // header cut short
    wal = await FileWal.open(dir);
    expect(wal.recovery.droppedBytes).toBe(10);
    expect((await readWal(wal, 1)).map((e) => untext(e.data))).toEqual(['record 1', 'record 2', 'record 3', 'record 4']);
    await wal.close();
  });

  it('drops every record of an append that was cut short, even complete ones', async () => {
    await logOf(2);
    const three = frame(3, 'a', 'b', 'c'); // one append of three records
    await appendFile(walFile(1), three.subarray(0, 2 * (FRAME_HEADER_BYTES + 1))); // the first two made it
    const wal = await FileWal.open(dir);
    expect(wal.recovery.droppedBytes).toBe(2 * (FRAME_HEADER_BYTES + 1));
    expect(wal.nextLsn()).toBe(3);
    expect((await readWal(wal, 1)).length).toBe(2);
    await wal.close();
  });

  it('reports a flipped byte in a middle record as Corrupted naming the file and offset', async () => {
    const at = await logOf(3);
    await flipByte(walFile(1), at[1]! + FRAME_HEADER_BYTES + 2);
    await expectQuiverError(FileWal.open(dir), ErrorCode.Corrupted, walFile(1), `byte ${at[1]}`, 'checksum');
  });

  it('reports a flipped byte in the last complete record as Corrupted, not as a torn tail', async () => {
    const at = await logOf(3);
    await flipByte(walFile(1), at[2]! + FRAME_HEADER_BYTES + 1);
    await expectQuiverError(FileWal.open(dir), ErrorCode.Corrupted, walFile(1), `byte ${at[2]}`);
  });

  it('reports a damaged length field of the last record as Corrupted, not as a torn tail', async () => {
    const at = await logOf(3);
    await flipByte(walFile(1), at[2]! + 17); // length 8 → 8 + 0x4000: looks like it runs past the end
    await expectQuiverError(FileWal.open(dir), ErrorCode.Corrupted, walFile(1), 'damaged length');
  });

  it('reports a damaged length field of a middle record as Corrupted, never cutting the records after it', async () => {
    const at = await logOf(3);
    await flipByte(walFile(1), at[0]! + 17); // record 1 now claims to run past the end of the file
    await expectQuiverError(FileWal.open(dir), ErrorCode.Corrupted, walFile(1), 'complete record follows');
    expect((await stat(walFile(1))).size).toBe(3 * (FRAME_HEADER_BYTES + 'record 1'.length));
  });

  it('reports bad magic, version and LSN with more data after them as Corrupted', async () => {
    const at = await logOf(3);
    await flipByte(walFile(1), at[1]!);
    await expectQuiverError(FileWal.open(dir), ErrorCode.Corrupted, walFile(1), 'magic');
    await flipByte(walFile(1), at[1]!);
    await flipByte(walFile(1), at[1]! + 4);
    await expectQuiverError(FileWal.open(dir), ErrorCode.Corrupted, walFile(1), 'version');
    await flipByte(walFile(1), at[1]! + 4);
    await appendFile(walFile(1), frame(9, 'out of sequence'));
    await expectQuiverError(FileWal.open(dir), ErrorCode.Corrupted, walFile(1), 'LSN 9, expected 4');
  });

  it('also reports damage found by a later read', async () => {
    const at = await logOf(3);
    const wal = await FileWal.open(dir);
    await flipByte(walFile(1), at[1]! + FRAME_HEADER_BYTES);
    await expectQuiverError(readWal(wal, 1), ErrorCode.Corrupted, walFile(1), `byte ${at[1]}`);
    await wal.close();
  });

  it('rotates files by size, names them by first LSN and truncates whole files', async () => {
    const wal = await FileWal.open(dir, { maxFileBytes: 100 });
    for (let i = 1; i <= 10; i++) await wal.append([text(`record ${i}`)]); // 32 bytes per frame: 3 per file
    expect((await readdir(join(dir, 'wal'))).sort()).toEqual([1, 4, 7, 10].map((n) => `${String(n).padStart(20, '0')}.log`));
    await wal.truncate(6);
    expect((await readdir(join(dir, 'wal'))).length).toBe(3); // 4..6 holds 6: it stays
    expect((await readWal(wal, 1)).map((e) => e.lsn)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    await wal.truncate(11);
    expect(await readdir(join(dir, 'wal'))).toEqual(['00000000000000000011.log']);
    expect((await stat(walFile(11))).size).toBe(0);
    await wal.close();
    const again = await FileWal.open(dir, { maxFileBytes: 100 });
    expect(again.nextLsn()).toBe(11);
    expect(await again.append([text('next')])).toEqual([11]);
    await again.close();
  });

  it('reports a missing middle file or a torn record before the last file as Corrupted', async () => {
    const wal = await FileWal.open(dir, { maxFileBytes: 100 });
    for (let i = 1; i <= 12; i++) await wal.append([text(`record ${i}`)]); // files 1, 4, 7, 10
    await wal.close();
    await truncate(walFile(1), 3 * 32 - 5);
    await expectQuiverError(FileWal.open(dir), ErrorCode.Corrupted, walFile(1), 'later WAL files follow');
    await unlink(walFile(1)); // as if truncated: fine
    await unlink(walFile(7)); // a hole: not fine
    await expectQuiverError(FileWal.open(dir), ErrorCode.Corrupted, walFile(10), 'missing');
  });

  it('group-commits appends that arrive while a write is in flight', async () => {
    const probe = await open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { write: unknown; datasync: unknown };
    await probe.close();
    const writes = vi.spyOn(proto, 'write' as never);
    const syncs = vi.spyOn(proto, 'datasync' as never);
    const wal = await FileWal.open(dir);
    const lsns = await Promise.all(Array.from({ length: 50 }, (_, i) => wal.append([text(`r${i}`)])));
    expect(lsns.flat()).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // The first append is written alone; the 49 that queued behind it share the second write.
    expect(writes).toHaveBeenCalledTimes(2);
    expect(syncs).toHaveBeenCalledTimes(2);
    await wal.close();
  });

  it('rejects a failed write with IoFailed and leaves the log consistent', async () => {
    const wal = await FileWal.open(dir);
    await wal.append([text('one'), text('two')]);
    const probe = await open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { write: (...a: unknown[]) => Promise<{ bytesWritten: number }> };
    await probe.close();
    const realWrite = proto.write;
    let calls = 0;
    vi.spyOn(proto, 'write').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      if (++calls === 1) {
        // Half the frames reach the file, then the disk is full.
        const [buf, offset, length, position] = args as [Uint8Array, number, number, number];
        await realWrite.call(this, buf, offset, Math.floor(length / 2), position);
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return realWrite.apply(this, args);
    });
    const sizeBefore = (await stat(walFile(1))).size;
    await expectQuiverError(wal.append([text('three'), text('four')]), ErrorCode.IoFailed, 'ENOSPC', walFile(1));
    expect((await stat(walFile(1))).size).toBe(sizeBefore); // the half-written frames were cut off again
    expect(wal.nextLsn()).toBe(3);
    expect(await wal.append([text('three again')])).toEqual([3]);
    await wal.close();
    vi.restoreAllMocks();
    const reopened = await FileWal.open(dir);
    expect(reopened.recovery.droppedBytes).toBe(0);
    expect((await readWal(reopened, 1)).map((e) => untext(e.data))).toEqual(['one', 'two', 'three again']);
    await reopened.close();
  });
});
