import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@quiver/core';
import { nodePlatform } from '@quiver/node';
import {
  allRows, bookRows, count, createBooks, deltaFiles, expectError, filesUnder, ids, segmentFiles, segmentRowCount, storedRows, useTemp, vec, walBytes, type Client, type Row,
} from './helpers.js';

// Durability and the segment lifecycle on file storage (ARCHITECTURE.md §3): reopen after close
// and after an abandoned process, flush, seal policy, WAL truncation, delta files, compaction, GC.

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/** Runs fixtures/abandon-writer.ts: it writes and exits without close. Returns its JSON line. */
function runAbandoned(dir: string, step: string): Promise<Row> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=quiver-source', '--import', 'tsx', join(here, 'fixtures', 'abandon-writer.ts'), dir, step], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim()) as Row) : reject(new Error(`writer exited with ${code}: ${err}`))));
  });
}

describe('persistence and lifecycle (file storage)', () => {
  const tmp = useTemp();

  it('reopens after close with every row, delete and partition', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir);
    await createBooks(c);
    await c.createPartition({ collectionName: 'books', partitionName: 'p' });
    await c.insert({ collectionName: 'books', data: bookRows(0, 20) });
    await c.insert({ collectionName: 'books', partitionName: 'p', data: bookRows(20, 30) });
    await c.delete({ collectionName: 'books', ids: [3, 25] });
    await c.close();
    expect(existsSync(join(dir, 'LOCK'))).toBe(false);
    const c2 = await tmp.open(dir);
    expect(await count(c2, 'books')).toBe(28);
    expect(await count(c2, 'books', '', { partitionNames: ['p'] })).toBe(9);
    expect((await c2.get({ collectionName: 'books', id: [3, 25, 4] })).data).toEqual([{ id: 4, title: 't4', vec: vec(4) }]);
  });

  it('a closed client refuses every call with 90002; close is idempotent and releases the folder', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 2) });
    await c.close();
    await c.close();
    expect(existsSync(join(dir, 'LOCK'))).toBe(false);
    await expectError(() => c.query({ collectionName: 'books', filter: '' }), 90002, 'closed');
    await expectError(() => c.insert({ collectionName: 'books', data: bookRows(2, 3) }), 90002, 'closed');
    await expectError(() => c.listCollections(), 90002, 'closed');
    await expectError(() => c.createDatabase({ dbName: 'x' }), 90002, 'closed');
    await expectError(() => c.flush({ collectionName: 'books' }), 90002, 'closed');
    await expectError(() => c.getCompactionState({ compactionID: 1 }), 90002, 'closed');
    // While one client holds the folder, a second open in this process is refused.
    const c2 = await tmp.open(dir);
    await expectError(() => tmp.open(dir), 90006, dir);
    expect(await count(c2, 'books')).toBe(2);
  });

  it('reopens after a process exits without close: acknowledged writes are all back, ids are not reused', async () => {
    const dir = tmp.dir();
    const first = await runAbandoned(dir, '1');
    expect(existsSync(join(dir, 'LOCK'))).toBe(true); // left behind by the dead process
    const autoIds1 = first.auto as number[];
    expect(autoIds1).toHaveLength(8);

    let c = await tmp.open(dir);
    const expectBooks = async (extra: number[]) => {
      const rows = await allRows(c, 'books');
      const want = [...Array.from({ length: 50 }, (_, i) => i).filter((i) => ![0, 1, 2, 40].includes(i)), ...extra];
      expect(ids(rows)).toEqual(want);
      expect(rows.find((r) => r.id === 5)!.title).toBe('upserted');
      expect(rows.find((r) => r.id === 41)!.title).toBe('back');
      expect(rows.find((r) => r.id === 33)).toEqual({ id: 33, title: 't33', v: [3, 3.5], batch: 0 });
    };
    await expectBooks([]);
    expect(ids(await allRows(c, 'auto'))).toEqual(autoIds1);
    await c.close({ flush: false });

    // A second abandoned run after a clean reopen: new auto ids are above every earlier one.
    const second = await runAbandoned(dir, '2');
    const autoIds2 = second.auto as number[];
    expect(Math.min(...autoIds2)).toBeGreaterThan(Math.max(...autoIds1));
    c = await tmp.open(dir);
    await expectBooks([100]);
    expect(ids(await allRows(c, 'auto'))).toEqual([...autoIds1, ...autoIds2]);
    const autoIds3 = (await c.insert({ collectionName: 'auto', data: [{ v: [0, 0] }] })).data.insertIds as number[];
    expect(autoIds3[0]!).toBeGreaterThan(Math.max(...autoIds2));
    // Flushing and reopening once more changes nothing, and stores every live row exactly once.
    await c.flush({ collectionName: 'books' });
    await c.compact({ collectionName: 'books' });
    await c.close();
    c = await tmp.open(dir);
    await expectBooks([100]);
    expect(await count(c, 'auto')).toBe(13);
  }, 30_000);

  it('a re-insert after a crash is not killed by an older flushed delete, even when the clock stepped back', async () => {
    const dir = tmp.dir();
    await runAbandoned(dir, 'delete');
    // The machine comes back with its clock an hour behind.
    const platform = { ...nodePlatform, clock: { now: () => Date.now() - 3_600_000 } };
    const reopen = async () => {
      const c = await openDatabase(platform, { uri: tmp.uri(dir), tickMs: 0 });
      opened.push(c);
      return c;
    };
    const opened: Client[] = [];
    try {
      let c = await reopen();
      expect(ids(await allRows(c, 'gone'))).toEqual([2]);
      await c.insert({ collectionName: 'gone', data: [{ id: 1, vector: [5, 5] }] });
      expect(await allRows(c, 'gone')).toEqual([{ id: 1, vector: [5, 5] }, { id: 2, vector: [0, 1] }]);
      await c.close();
      c = await reopen();
      expect(await allRows(c, 'gone')).toEqual([{ id: 1, vector: [5, 5] }, { id: 2, vector: [0, 1] }]);
    } finally {
      for (const c of opened) await c.close();
    }
  }, 30_000);

  it('flush writes segment files and empties the WAL', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir);
    await createBooks(c);
    expect(segmentFiles(dir)).toEqual([]);
    await c.insert({ collectionName: 'books', data: bookRows(0, 40) });
    await c.insert({ collectionName: 'books', data: bookRows(40, 50) });
    const walBefore = walBytes(dir);
    expect(walBefore).toBeGreaterThan(0);
    await c.flush({ collectionName: 'books' });
    const segs = segmentFiles(dir);
    expect(segs).toHaveLength(1);
    expect(segmentRowCount(dir, segs[0]!)).toBe(50);
    expect(walBytes(dir)).toBe(0);
    expect(await count(c, 'books')).toBe(50);
  });

  it('seal policy: small maxRows seals and flushes segments without an explicit flush', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir, { seal: { maxRows: 10 } });
    await createBooks(c);
    for (let b = 0; b < 8; b++) await c.insert({ collectionName: 'books', data: bookRows(b * 5, b * 5 + 5) });
    expect(await count(c, 'books')).toBe(40);
    await c.close({ flush: false }); // waits for the background flushes, flushes nothing more
    const segs = segmentFiles(dir);
    expect(segs.length).toBeGreaterThanOrEqual(1);
    expect(storedRows(dir)).toBeGreaterThanOrEqual(10);
    const c2 = await tmp.open(dir, { seal: { maxRows: 10 } });
    const rows = await allRows(c2, 'books');
    expect(rows).toEqual(bookRows(0, 40));
    await c2.flush({ collectionName: 'books' });
    expect(storedRows(dir)).toBe(40);
  });

  it('the WAL is truncated after flush and never replayed twice over flush/reopen cycles', async () => {
    const dir = tmp.dir();
    let next = 0;
    for (let cycle = 0; cycle < 4; cycle++) {
      const c = await tmp.open(dir);
      if (cycle === 0) await createBooks(c);
      expect(await count(c, 'books')).toBe(next);
      await c.insert({ collectionName: 'books', data: bookRows(next, next + 10) });
      next += 10;
      if (cycle % 2 === 0) {
        // Flushed now: stored once, WAL emptied.
        await c.flush({ collectionName: 'books' });
        expect(walBytes(dir)).toBe(0);
        await c.close({ flush: false });
      } else {
        // Not flushed: the next open replays these rows from the WAL.
        await c.close({ flush: false });
        expect(walBytes(dir)).toBeGreaterThan(0);
      }
    }
    // Reopen twice without writing: replay must not add rows or files.
    for (let i = 0; i < 2; i++) {
      const c = await tmp.open(dir);
      expect(await count(c, 'books')).toBe(40);
      await c.close({ flush: false });
    }
    const c = await tmp.open(dir);
    await c.flush({ collectionName: 'books' });
    expect(storedRows(dir)).toBe(40); // every row in exactly one segment
    expect(walBytes(dir)).toBe(0);
    expect(await allRows(c, 'books')).toEqual(bookRows(0, 40));
  });

  it('deletes survive flush and reopen through delta files', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 20) });
    await c.flush({ collectionName: 'books' });
    await c.delete({ collectionName: 'books', filter: 'id < 5' });
    await c.flush({ collectionName: 'books' });
    expect(deltaFiles(dir)).toHaveLength(1);
    expect(walBytes(dir)).toBe(0);
    await c.close();
    const c2 = await tmp.open(dir);
    expect(ids(await allRows(c2, 'books'))).toEqual(Array.from({ length: 15 }, (_, i) => i + 5));
    expect(storedRows(dir)).toBe(20); // deleted rows stay in the segment until compaction
  });

  it('compaction purges deleted and replaced rows, keeps results, and GC removes the old files', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 30) });
    await c.flush({ collectionName: 'books' });
    await c.insert({ collectionName: 'books', data: bookRows(30, 60) });
    await c.flush({ collectionName: 'books' });
    await c.delete({ collectionName: 'books', filter: 'id >= 10 and id < 40' });
    await c.upsert({ collectionName: 'books', data: [{ id: 5, title: 'five', vec: vec(5) }] });
    await c.flush({ collectionName: 'books' });
    const before = { segs: segmentFiles(dir), deltas: deltaFiles(dir), rows: await allRows(c, 'books') };
    expect(before.segs).toHaveLength(3);
    expect(before.deltas).toHaveLength(1);
    expect(storedRows(dir)).toBe(61);
    expect(before.rows).toHaveLength(30);

    await c.compact({ collectionName: 'books' });
    const after = segmentFiles(dir);
    expect(after.filter((p) => before.segs.includes(p))).toEqual([]); // replaced files are gone
    expect(deltaFiles(dir)).toEqual([]);
    expect(storedRows(dir)).toBe(30);
    expect(await allRows(c, 'books')).toEqual(before.rows);
    expect(before.rows.find((r) => r.id === 5)!.title).toBe('five');
    await c.close();
    const c2 = await tmp.open(dir);
    expect(await allRows(c2, 'books')).toEqual(before.rows);
    expect((await c2.get({ collectionName: 'books', id: [10, 39] })).data).toEqual([]);
  });

  it('compaction on a released collection keeps it released and correct', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 10) });
    await c.delete({ collectionName: 'books', ids: [0, 1] });
    await c.releaseCollection({ collectionName: 'books' });
    await c.compact({ collectionName: 'books' });
    expect((await c.getLoadState({ collectionName: 'books' })).data.loadState).toBe('LoadStateNotLoad');
    expect(storedRows(dir)).toBe(8);
    await c.loadCollection({ collectionName: 'books' });
    expect(ids(await allRows(c, 'books'))).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('dropping a collection or a partition removes its files', async () => {
    const dir = tmp.dir();
    const c = await tmp.open(dir);
    await createBooks(c, 'keep');
    await createBooks(c, 'gone');
    await c.createPartition({ collectionName: 'keep', partitionName: 'p' });
    await c.insert({ collectionName: 'keep', data: bookRows(0, 5) });
    await c.insert({ collectionName: 'keep', partitionName: 'p', data: bookRows(5, 10) });
    await c.insert({ collectionName: 'gone', data: bookRows(0, 5) });
    await c.flush({ collectionName: 'keep' });
    await c.flush({ collectionName: 'gone' });
    await c.delete({ collectionName: 'gone', ids: [1] });
    await c.flush({ collectionName: 'gone' });
    const objects = () => filesUnder(join(dir, 'objects'));
    const prefixOf = (p: string) => p.split('/').slice(0, 2).join('/');
    expect(segmentFiles(dir)).toHaveLength(3);
    const goneFiles = objects().filter((p) => segmentFiles(dir).includes(p) && segmentRowCount(dir, p) === 5 && objects().some((q) => q.endsWith('.qdel') && prefixOf(q) === prefixOf(p)));
    expect(goneFiles).toHaveLength(1);
    const gonePrefix = prefixOf(goneFiles[0]!);

    await c.dropCollection({ collectionName: 'gone' });
    expect(objects().filter((p) => p.startsWith(`${gonePrefix}/`))).toEqual([]);
    expect(segmentFiles(dir)).toHaveLength(2);

    await c.dropPartition({ collectionName: 'keep', partitionName: 'p' });
    expect(segmentFiles(dir)).toHaveLength(1);
    expect(storedRows(dir)).toBe(5);
    await c.close();
    const c2 = await tmp.open(dir);
    expect((await c2.listCollections()).data).toEqual(['keep']);
    expect(ids(await allRows(c2, 'keep'))).toEqual([0, 1, 2, 3, 4]);
    expect(readFileSync(join(dir, 'catalog.qmeta')).includes(Buffer.from('"gone"'))).toBe(false);
  });
});
