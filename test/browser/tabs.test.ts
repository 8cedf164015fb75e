import { expect, it } from 'vitest';
import { BrowserClient, ErrorCode, QuiverClient, QuiverError } from '@quiver/browser';
import type { ClientBackend } from '@quiver/browser';
import { booksCollection, row, useDatabases, vector } from './helpers.js';

// Tab sharing inside one page: each `open({ tabs: 'share' })` is its own "tab" (its own
// BroadcastChannel and place in the Web Lock queue, exactly as in separate tabs of one origin).
// test/browser/driven/tabs.test.ts does the same with real tabs and a tab that goes away.
const db = useDatabases();
const share = { tabs: 'share' as const, tabTimeoutMs: 5000 };

async function ids(c: QuiverClient, from = 0, to = 1e9): Promise<number[]> {
  const res = await c.query({ collectionName: 'books', filter: `id >= ${from} and id < ${to}`, outputFields: ['id'], limit: 16384 });
  return res.data.map((r) => Number(r.id)).sort((a, b) => a - b);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const rows = (from: number, to: number) => range(from, to).map((i) => row(i));

it('two tabs share one database: both write and search, errors and stats cross over', async () => {
  const uri = db.uri();
  const a = await db.open(uri, share);
  const b = await db.open(uri, share);
  await b.createCollection(booksCollection()); // forwarded to the leader
  await a.insert({ collectionName: 'books', data: rows(0, 500) });
  await b.insert({ collectionName: 'books', data: rows(500, 1000) });
  expect(await ids(a)).toEqual(range(0, 1000));
  expect(await ids(b)).toEqual(range(0, 1000));
  const search = { collectionName: 'books', data: [vector(42), vector(777)], annsField: 'vec', limit: 3 };
  const hits = await b.search(search);
  expect(hits).toEqual(await a.search(search));
  expect([hits.data[0]!.id, hits.data[3]!.id]).toEqual([42, 777]);

  // The follower gets the leader's QuiverError, code and message.
  const missing = await b.describeCollection({ collectionName: 'nope' }).catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(QuiverError);
  expect(missing).toMatchObject({ code: ErrorCode.CollectionNotFound });
  expect(String((missing as Error).message)).toContain('nope');

  // Stats carry the origin's storage estimate in both tabs.
  const stats = await b.getCollectionStatistics({ collectionName: 'books' });
  expect(stats.data.rowCount).toBe(1000);
  expect(stats.data.storageUsage).toBeGreaterThan(0);
  expect(stats.data.storageQuota).toBeGreaterThan(stats.data.storageUsage!);
  expect((await a.getCollectionStatistics({ collectionName: 'books' })).data).toMatchObject({ rowCount: 1000 });

  // A search iterator runs in the leader and pages through the follower.
  const pages: number[] = [];
  for await (const page of b.searchIterator({ collectionName: 'books', data: [vector(3)], annsField: 'vec', batchSize: 100, limit: 250 })) pages.push(page.length);
  expect(pages).toEqual([100, 100, 50]);
  await b.flush({ collectionName: 'books' });
  await b.waitForIdle();
  expect((await b.describeIndex({ collectionName: 'books', indexName: 'vec' })).data[0]).toMatchObject({ indexState: 'Finished', indexedRows: 1000 });
});

it('when the leader closes, a follower takes over (replaying the WAL) and keeps every acknowledged row', async () => {
  const uri = db.uri();
  const a = await db.open(uri, share);
  const b = await db.open(uri, share);
  const c = await db.open(uri, share);
  await a.createCollection(booksCollection());
  await b.insert({ collectionName: 'books', data: rows(0, 300) });
  // b has 20 inserts in flight when a goes away without flushing (its rows only in the WAL):
  // each is acknowledged (by a, or by the next leader) or fails with the retryable
  // ServiceNotReady, and none hangs.
  const acked: number[] = [];
  const failed: unknown[] = [];
  const inflight = range(0, 20).map((k) => {
    const from = 300 + k * 50;
    return b.insert({ collectionName: 'books', data: rows(from, from + 50) }).then(
      () => acked.push(...range(from, from + 50)),
      (e: unknown) => failed.push(e),
    );
  });
  await a.close({ flush: false });
  await Promise.all(inflight);
  for (const e of failed) expect(e).toMatchObject({ code: ErrorCode.ServiceNotReady });
  expect(acked.length + failed.length * 50).toBe(1000);
  await b.insert({ collectionName: 'books', data: rows(1300, 1400) });
  acked.push(...range(1300, 1400));
  const present = new Set(await ids(b));
  for (const id of [...range(0, 300), ...acked]) expect(present.has(id)).toBe(true);
  expect(await ids(c)).toEqual([...present].sort((x, y) => x - y));
  await c.insert({ collectionName: 'books', data: rows(5000, 5010) });
  expect((await ids(b, 5000, 6000)).length).toBe(10);
  await expect(a.listCollections()).rejects.toMatchObject({ code: ErrorCode.Closed });
});

it('a shared open fails with Locked when the tab holding the database does not share it', async () => {
  const uri = db.uri();
  await db.open(uri); // exclusive
  const err = await db.open(uri, { tabs: 'share', tabTimeoutMs: 300 }).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: ErrorCode.Locked });
  expect(String((err as Error).message)).toContain("tabs: 'share'");
});

it('forwards every engine-facing client method (none reaches for a local engine)', async () => {
  const seen: string[] = [];
  const backend: ClientBackend = {
    invoke: async (method, args) => {
      seen.push(method === 'call' ? String(args[0]) : method);
      throw new QuiverError(ErrorCode.ServiceNotReady, 'no leader');
    },
    async *searchIterator() {
      seen.push('searchIterator');
      throw new QuiverError(ErrorCode.ServiceNotReady, 'no leader');
    },
    close: async () => void seen.push('close'),
  };
  const client = new BrowserClient(backend);
  const methods = Object.getOwnPropertyNames(QuiverClient.prototype).filter((m) => m !== 'constructor' && m !== 'requestSchema');
  expect(methods.length).toBeGreaterThan(60);
  for (const m of methods) {
    const fn = (client as unknown as Record<string, (...a: unknown[]) => unknown>)[m]!;
    const out = fn.call(client, m === 'authenticate' || m === 'authorize' ? 'root' : {}, {});
    const result = Symbol.asyncIterator in (out as object) ? (out as AsyncGenerator).next() : (out as Promise<unknown>);
    const settled = await Promise.resolve(result).then(
      () => 'resolved',
      (e: unknown) => (e instanceof QuiverError ? e.code : `${(e as Error).name}: ${(e as Error).message}`),
    );
    expect([m, settled]).toEqual([m, m === 'close' ? 'resolved' : ErrorCode.ServiceNotReady]);
  }
  expect(seen.length).toBe(methods.length);
});
