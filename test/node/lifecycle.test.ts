import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@quiver/core';
import { nodePlatform } from '@quiver/node';
import { allRows, bookRows, count, createBooks, ids, segmentFiles, storedRows, useTemp, vec, walBytes, type Row } from './helpers.js';

// Segment lifecycle corner cases on file storage: seal by age and by size per partition followed by
// a reopen, writes while released, repeated compaction, and many requests in flight at once.

describe('segment lifecycle (file storage)', () => {
  const tmp = useTemp();

  it('seal by age: a growing segment older than maxAgeMs is flushed on the next insert', async () => {
    const dir = tmp.dir();
    let now = 1_700_000_000_000;
    const platform = { ...nodePlatform, clock: { now: () => now } };
    const c = await openDatabase(platform, { uri: tmp.uri(dir), tickMs: 0, seal: { maxAgeMs: 60_000 } });
    try {
      await createBooks(c);
      await c.insert({ collectionName: 'books', data: bookRows(0, 3) });
      now += 30_000;
      await c.insert({ collectionName: 'books', data: bookRows(3, 5) });
      await c.close({ flush: false });
      expect(segmentFiles(dir)).toEqual([]); // 30 s old: not yet
    } finally {
      await c.close();
    }
    const c2 = await openDatabase(platform, { uri: tmp.uri(dir), tickMs: 0, seal: { maxAgeMs: 60_000 } });
    try {
      // Replayed rows start a growing segment "now"; two minutes later the next insert seals it.
      now += 120_000;
      await c2.insert({ collectionName: 'books', data: bookRows(5, 6) });
      await c2.close({ flush: false });
      expect(storedRows(dir)).toBe(6);
    } finally {
      await c2.close();
    }
    const c3 = await tmp.open(dir);
    expect(await allRows(c3, 'books')).toEqual(bookRows(0, 6));
  });

  it('seal by age from the background tick, with no further writes', async () => {
    const dir = tmp.dir();
    let now = 1_700_000_000_000;
    const platform = { ...nodePlatform, clock: { now: () => now } };
    const c = await openDatabase(platform, { uri: tmp.uri(dir), tickMs: 5, seal: { maxAgeMs: 60_000 } });
    try {
      await createBooks(c);
      await c.insert({ collectionName: 'books', data: bookRows(0, 3) });
      now += 61_000;
      // Wait (bounded) for the tick to notice; the outcome, not the delay, is what is checked.
      for (let i = 0; i < 400 && segmentFiles(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(storedRows(dir)).toBe(3);
      expect(await allRows(c, 'books')).toEqual(bookRows(0, 3));
    } finally {
      await c.close();
    }
  });

  it('a seal of one partition, then reopen without close: the other partition is replayed, nothing twice', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir, { seal: { maxRows: 5 } });
    await createBooks(c);
    await c.createPartition({ collectionName: 'books', partitionName: 'p1' });
    await c.createPartition({ collectionName: 'books', partitionName: 'p2' });
    await c.insert({ collectionName: 'books', partitionName: 'p2', data: bookRows(0, 3) });
    await c.insert({ collectionName: 'books', partitionName: 'p1', data: bookRows(3, 9) }); // seals p1
    await c.insert({ collectionName: 'books', partitionName: 'p2', data: bookRows(9, 10) });
    await c.delete({ collectionName: 'books', ids: [4] });
    await c.close({ flush: false });
    expect(storedRows(dir)).toBe(6);
    const c2 = await tmp.open(dir, { seal: { maxRows: 5 } });
    const want = bookRows(0, 10).filter((r) => r.id !== 4);
    expect(await allRows(c2, 'books')).toEqual(want);
    expect(ids(await allRows(c2, 'books', { partitionNames: ['p2'] }))).toEqual([0, 1, 2, 9]);
    await c2.flush({ collectionName: 'books' });
    expect(storedRows(dir)).toBe(10);
    expect(walBytes(dir)).toBe(0);
    await c2.close();
    const c3 = await tmp.open(dir);
    expect(await allRows(c3, 'books')).toEqual(want);
  });

  it('the WAL is kept while any collection has unflushed rows, and replayed only for those', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir);
    await createBooks(c, 'a');
    await createBooks(c, 'b');
    await c.insert({ collectionName: 'b', data: bookRows(0, 3) });
    await c.insert({ collectionName: 'a', data: bookRows(0, 5) });
    await c.flush({ collectionName: 'a' });
    expect(walBytes(dir)).toBeGreaterThan(0); // b's rows are only in the WAL
    await c.close({ flush: false });
    const c2 = await tmp.open(dir);
    expect(await allRows(c2, 'a')).toEqual(bookRows(0, 5));
    expect(await allRows(c2, 'b')).toEqual(bookRows(0, 3));
    expect(storedRows(dir)).toBe(5);
    await c2.dropCollection({ collectionName: 'b' });
    await c2.insert({ collectionName: 'a', data: bookRows(5, 6) });
    await c2.flush({ collectionName: 'a' });
    expect(walBytes(dir)).toBe(0);
    await c2.close({ flush: false });
    const c3 = await tmp.open(dir);
    expect(await allRows(c3, 'a')).toEqual(bookRows(0, 6));
    expect((await c3.listCollections()).data).toEqual(['a']);
    expect(storedRows(dir)).toBe(6);
  });

  it('files no catalog record refers to (a crash between writing and committing) are removed on open', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 4) });
    await c.flush({ collectionName: 'books' });
    await c.close();
    const [seg] = segmentFiles(dir);
    const stray = seg!.replace(/\/\d+\/data\.qseg$/, '/999999/data.qseg');
    mkdirSync(dirname(join(dir, 'objects', stray)), { recursive: true });
    copyFileSync(join(dir, 'objects', seg!), join(dir, 'objects', stray));
    expect(segmentFiles(dir)).toHaveLength(2);
    const c2 = await tmp.open(dir);
    expect(segmentFiles(dir)).toEqual([seg]);
    expect(await allRows(c2, 'books')).toEqual(bookRows(0, 4));
  });

  it('writes while released are kept; stats count stored rows; load sees them', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 6) });
    await c.flush({ collectionName: 'books' });
    await c.releaseCollection({ collectionName: 'books' });
    await c.insert({ collectionName: 'books', data: bookRows(6, 8) });
    await c.delete({ collectionName: 'books', ids: [0, 7] });
    await c.upsert({ collectionName: 'books', data: [{ id: 1, title: 'one', vec: vec(1) }] });
    await c.flush({ collectionName: 'books' });
    await c.close();
    const c2 = await tmp.open(dir);
    expect((await c2.getLoadState({ collectionName: 'books' })).data.loadState).toBe('LoadStateNotLoad');
    await c2.loadCollection({ collectionName: 'books' });
    const rows = await allRows(c2, 'books');
    expect(ids(rows)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]!.title).toBe('one');
    // Stats count stored rows as Milvus does: 6 flushed + 2 inserted + 1 upserted, until compaction.
    expect((await c2.getCollectionStatistics({ collectionName: 'books' })).data.rowCount).toBe(9);
    await c2.compact({ collectionName: 'books' });
    expect((await c2.getCollectionStatistics({ collectionName: 'books' })).data.rowCount).toBe(6);
  });

  it('compaction twice, with a partition that needs none, and upserts across partitions', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir);
    await createBooks(c);
    await c.createPartition({ collectionName: 'books', partitionName: 'quiet' });
    await c.insert({ collectionName: 'books', partitionName: 'quiet', data: bookRows(100, 105) });
    await c.insert({ collectionName: 'books', data: bookRows(0, 10) });
    await c.flush({ collectionName: 'books' });
    await c.delete({ collectionName: 'books', ids: [0, 1] });
    await c.upsert({ collectionName: 'books', partitionName: 'quiet', data: [{ id: 2, title: 'moved', vec: vec(2) }] });
    await c.compact({ collectionName: 'books' });
    const want = async () => {
      const rows = await allRows(c, 'books', { outputFields: ['title'] });
      expect(ids(rows)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 100, 101, 102, 103, 104]);
      expect(rows[0]!.title).toBe('moved');
      expect(ids(await allRows(c, 'books', { partitionNames: ['quiet'] }))).toEqual([2, 100, 101, 102, 103, 104]);
    };
    await want();
    expect(storedRows(dir)).toBe(13);
    await c.delete({ collectionName: 'books', filter: 'id >= 100' });
    await c.compact({ collectionName: 'books' });
    expect(storedRows(dir)).toBe(8);
    expect(await count(c, 'books')).toBe(8);
    await c.close();
    const c2 = await tmp.open(dir);
    expect(ids(await allRows(c2, 'books'))).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('many requests in flight at once (inserts, deletes, upserts, flushes, compactions) end in the modelled state', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir, { seal: { maxRows: 40 } });
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 100) });
    // Model: ids 0..99 exist; in flight: 20 inserts of fresh ranges, deletes of 0..39 (one id
    // each), upserts of 50..59, and flushes/compactions in between. These operations commute.
    const ops: Array<Promise<unknown>> = [];
    const model = new Map<number, Row>(bookRows(0, 100).map((r) => [r.id as number, r]));
    for (let k = 0; k < 20; k++) {
      const rows = bookRows(1000 + k * 10, 1010 + k * 10);
      rows.forEach((r) => model.set(r.id as number, r));
      ops.push(c.insert({ collectionName: 'books', data: rows }));
      if (k < 10) {
        const upserted = { id: 50 + k, title: `u${k}`, vec: vec(k) };
        model.set(50 + k, upserted);
        ops.push(c.upsert({ collectionName: 'books', data: [upserted] }));
      }
      for (const id of [k, 20 + k]) {
        model.delete(id);
        ops.push(c.delete({ collectionName: 'books', ids: [id] }));
      }
      if (k % 5 === 0) ops.push(c.flush({ collectionName: 'books' }));
      if (k % 7 === 3) ops.push(c.compact({ collectionName: 'books' }));
    }
    await Promise.all(ops);
    const expected = [...model.values()].sort((a, b) => (a.id as number) - (b.id as number));
    expect(await allRows(c, 'books', { limit: 16384 })).toEqual(expected);
    await c.close();
    const c2 = await tmp.open(dir);
    expect(await allRows(c2, 'books', { limit: 16384 })).toEqual(expected);
    await c2.compact({ collectionName: 'books' });
    expect(storedRows(dir)).toBe(expected.length);
    expect(await allRows(c2, 'books', { limit: 16384 })).toEqual(expected);
  });
});
