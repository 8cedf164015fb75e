import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@quiver/core';
import { expectQuiverError, readWal } from '@quiver/core/testing';
import { IdbWal, deleteBrowserStorage, idbDatabaseName } from './index.js';

const text = (s: string) => new TextEncoder().encode(s);

/** Rewrites the stored frame of record `lsn` (or deletes it) behind the WAL's back. */
async function tamper(name: string, lsn: number, change: ((frame: Uint8Array) => void) | 'delete'): Promise<void> {
  const db = await openDB(idbDatabaseName(name));
  try {
    if (change === 'delete') {
      await db.delete('wal', lsn);
      return;
    }
    const frame = new Uint8Array((await db.get('wal', lsn)) as ArrayBuffer);
    change(frame);
    await db.put('wal', frame.buffer, lsn);
  } finally {
    db.close();
  }
}

describe('IdbWal damage is Corrupted, naming the record and the database', () => {
  const names: string[] = [];
  const opened: IdbWal[] = [];
  const open = async (name: string) => {
    const w = await IdbWal.open(name);
    opened.push(w);
    return w;
  };
  const fresh = async () => {
    const name = `wal-${crypto.randomUUID()}`;
    names.push(name);
    const w = await open(name);
    await w.append([text('one'), text('two')]);
    await w.append([text('three')]);
    await w.append([text('four')]);
    await w.close();
    return name;
  };
  afterEach(async () => {
    for (const w of opened.splice(0)) await w.close();
    for (const n of names.splice(0)) await deleteBrowserStorage(`idb://${n}`);
  });

  it('a flipped payload byte fails the CRC when read', async () => {
    const name = await fresh();
    await tamper(name, 3, (f) => (f[24]! ^= 0x40));
    const w = await open(name);
    expect((await readWal(w, 4)).map((e) => e.lsn)).toEqual([4]);
    await expectQuiverError(readWal(w, 1), ErrorCode.Corrupted, 'WAL record 3', idbDatabaseName(name), 'CRC mismatch');
  });

  it('a damaged header field is named', async () => {
    const name = await fresh();
    await tamper(name, 1, (f) => (f[0] = 0x58));
    await tamper(name, 2, (f) => (f[8]! += 1));
    const w = await open(name);
    await expectQuiverError(readWal(w, 1), ErrorCode.Corrupted, 'WAL record 1', 'bad magic');
    await expectQuiverError(readWal(w, 2), ErrorCode.Corrupted, 'WAL record 2', 'the frame says LSN 3');
  });

  it('a missing record is a hole, not a skip', async () => {
    const name = await fresh();
    await tamper(name, 2, 'delete');
    const w = await open(name);
    await expectQuiverError(readWal(w, 1), ErrorCode.Corrupted, 'WAL record 2', 'missing');
  });

  it('a damaged newest record or an unfinished newest append stops opening', async () => {
    const name = await fresh();
    await tamper(name, 4, (f) => (f[f.length - 1]! ^= 1));
    await expectQuiverError(IdbWal.open(name), ErrorCode.Corrupted, 'WAL record 4', 'CRC mismatch');
    // Records 1 and 2 were one append: record 1 alone at the end is an append cut in two.
    for (const lsn of [4, 3, 2]) await tamper(name, lsn, 'delete');
    await expectQuiverError(IdbWal.open(name), ErrorCode.Corrupted, 'WAL record 1', 'incomplete');
  });

  it('truncated records are skipped by readers, never reported as holes', async () => {
    const name = await fresh();
    const w = await open(name);
    await w.truncate(3);
    expect((await readWal(w, 1)).map((e) => e.lsn)).toEqual([3, 4]);
    await w.close();
    const again = await open(name);
    expect(again.nextLsn()).toBe(5);
    expect((await readWal(again, 0)).map((e) => e.lsn)).toEqual([3, 4]);
  });

  it('rejects an unknown durability', async () => {
    await expectQuiverError(IdbWal.open('x', { durability: 'eventual' as never }), ErrorCode.InvalidParameter, 'durability');
  });
});
