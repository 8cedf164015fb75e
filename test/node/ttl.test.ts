import { describe, expect, it } from 'vitest';
import { openDatabase } from '@quiver/core';
import { nodePlatform } from '@quiver/node';
import { expectError, ids, sortById, STORAGES, useTemp, type Client, type Row } from './helpers.js';

// Collection TTL (`collection.ttl.seconds`) with Milvus's rule: a row written at hybrid timestamp
// ts = (physical ms << 18 | logical) is expired once ts <= (now − ttl) << 18. A row written at a
// fresh millisecond P has logical 0, so it is visible up to now = P + ttl − 1 ms and expired from
// now = P + ttl on. Expired rows are invisible to search, query, count(*) and get, also once
// flushed and after a reopen, and come back if the TTL is removed before a compaction.

const T0 = 1_700_000_000_000;
const TTL_S = 60;

describe.each(STORAGES)('collection TTL (%s storage)', (kind) => {
  const tmp = useTemp();

  /** A client whose clock is `clock.now`, on a fresh database of `kind` (memory: reopen keeps the client). */
  async function setup(): Promise<{ c: Client; clock: { now: number }; reopen: () => Promise<Client> }> {
    const clock = { now: T0 };
    const platform = { ...nodePlatform, clock: { now: () => clock.now } };
    const dir = kind === 'file' ? tmp.dir() : undefined;
    const uri = dir === undefined ? 'memory://' : tmp.uri(dir);
    const clients: Client[] = [];
    const openIt = async (): Promise<Client> => {
      const c = await openDatabase(platform, { uri, tickMs: 0 });
      clients.push(c);
      return c;
    };
    const c = await openIt();
    await c.createCollection({ collectionName: 'c', dimension: 2, metricType: 'L2', params: { ttlSeconds: TTL_S } });
    return {
      c,
      clock,
      reopen: async () => {
        if (dir === undefined) return c; // a memory database does not outlive its client
        for (const x of clients.splice(0)) await x.close();
        return openIt();
      },
    };
  }

  const row = (id: number): Row => ({ id, vector: [id, 0] });
  const queried = async (c: Client, filter = 'id >= 0'): Promise<unknown[]> => ids(sortById((await c.query({ collectionName: 'c', filter, limit: 100 })).data as Row[]));
  const counted = async (c: Client): Promise<number> => ((await c.query({ collectionName: 'c', filter: '', outputFields: ['count(*)'] })).data[0] as Row)['count(*)'] as number;
  const searched = async (c: Client, extra: Row = {}): Promise<unknown[]> =>
    ((await c.search({ collectionName: 'c', data: [[0, 0]], limit: 10, ...extra })).data as Row[]).map((r) => r.id);
  const got = async (c: Client, list: number[]): Promise<unknown[]> => ids((await c.get({ collectionName: 'c', id: list })).data as Row[]);

  it('rows written at P are visible until P + ttl − 1 ms and gone at P + ttl, for every read', async () => {
    const { c, clock } = await setup();
    const P1 = T0 + 1_000;
    const P2 = T0 + 31_000;
    clock.now = P1;
    await c.insert({ collectionName: 'c', data: [row(1), row(2)] });
    clock.now = P2;
    await c.insert({ collectionName: 'c', data: [row(3)] });

    clock.now = P1 + TTL_S * 1000 - 1;
    expect(await queried(c)).toEqual([1, 2, 3]);
    expect(await counted(c)).toBe(3);

    clock.now = P1 + TTL_S * 1000;
    expect(await queried(c)).toEqual([3]);
    expect(await counted(c)).toBe(1);
    expect(await queried(c, 'id in [1, 2, 3]')).toEqual([3]); // a pk lookup
    expect(await queried(c, 'id == 1')).toEqual([]);
    expect(await got(c, [1, 3, 2])).toEqual([3]);
    expect(await searched(c)).toEqual([3]);
    expect(await searched(c, { filter: 'id < 3' })).toEqual([]);
    const hybrid = await c.hybridSearch({ collectionName: 'c', search: [{ data: [[0, 0]], annsField: 'vector', limit: 10 }], rerank: { strategy: 'rrf', params: { k: 60 } }, limit: 10 });
    expect((hybrid.data as Row[]).map((r) => r.id)).toEqual([3]);
    const pages: unknown[] = [];
    for await (const page of c.searchIterator({ collectionName: 'c', data: [[0, 0]], batchSize: 1 })) pages.push(...page.map((r) => r.id));
    expect(pages).toEqual([3]);

    clock.now = P2 + TTL_S * 1000;
    expect(await queried(c)).toEqual([]);
    expect(await counted(c)).toBe(0);
    // Stored rows still count until compaction, as in Milvus.
    expect((await c.getCollectionStatistics({ collectionName: 'c' })).data.rowCount).toBe(3);
  });

  it('an upsert renews a row; flushed segments and a reopen keep expiry; removing the TTL brings rows back', async () => {
    const { c, clock, reopen } = await setup();
    clock.now = T0 + 1_000;
    await c.insert({ collectionName: 'c', data: [row(1), row(2)] });
    await c.flush({ collectionName: 'c' });
    clock.now = T0 + 50_000;
    await c.upsert({ collectionName: 'c', data: [row(2)] });
    clock.now = T0 + 1_000 + TTL_S * 1000;
    expect(await queried(c)).toEqual([2]);
    expect(await got(c, [1, 2])).toEqual([2]);

    const c2 = await reopen();
    expect(await queried(c2)).toEqual([2]);
    await c2.flush({ collectionName: 'c' });
    await c2.waitForIdle(); // searched through the built HNSW index, the TTL in its bitset
    expect(await searched(c2)).toEqual([2]);

    await c2.alterCollectionProperties({ collectionName: 'c', properties: { 'collection.ttl.seconds': 0 } });
    expect(await queried(c2)).toEqual([1, 2]);
    await c2.alterCollectionProperties({ collectionName: 'c', properties: { 'collection.ttl.seconds': '30' } });
    clock.now = T0 + 50_000 + 30_000;
    expect(await queried(c2)).toEqual([]);
    await c2.dropCollectionProperties({ collectionName: 'c', propertyKeys: ['collection.ttl.seconds'] });
    expect(await queried(c2)).toEqual([1, 2]);
  });

  it('a TTL set after the rows were written applies to them, and the clock stepping back does not revive them', async () => {
    const { c, clock } = await setup();
    await c.dropCollectionProperties({ collectionName: 'c', propertyKeys: ['collection.ttl.seconds'] });
    clock.now = T0 + 1_000;
    await c.insert({ collectionName: 'c', data: [row(1)] });
    clock.now = T0 + 100_000;
    await c.insert({ collectionName: 'c', data: [row(2)] });
    expect(await queried(c)).toEqual([1, 2]);
    await c.alterCollectionProperties({ collectionName: 'c', properties: { 'collection.ttl.seconds': 60 } });
    expect(await queried(c)).toEqual([2]);
    clock.now = T0; // the wall clock steps back; the last timestamp given (T0 + 100 s) still counts
    expect(await queried(c)).toEqual([2]);
  });

  it('compaction drops expired rows for good: removing the TTL afterwards brings back only the rest', async () => {
    const { c, clock, reopen } = await setup();
    clock.now = T0 + 1_000;
    await c.insert({ collectionName: 'c', data: [row(1), row(2)] });
    await c.flush({ collectionName: 'c' });
    clock.now = T0 + 40_000;
    await c.insert({ collectionName: 'c', data: [row(3)] });
    await c.flush({ collectionName: 'c' });
    clock.now = T0 + 1_000 + TTL_S * 1000; // rows 1 and 2 expired, row 3 not
    await c.compact({ collectionName: 'c' });
    await c.waitForIdle();
    expect((await c.getCollectionStatistics({ collectionName: 'c' })).data.rowCount).toBe(1);
    const c2 = await reopen();
    await c2.dropCollectionProperties({ collectionName: 'c', propertyKeys: ['collection.ttl.seconds'] });
    expect(await queried(c2)).toEqual([3]);
    expect(await searched(c2)).toEqual([3]);
  });

  it('a TTL must be a whole number of seconds', async () => {
    const { c } = await setup();
    await expectError(() => c.alterCollectionProperties({ collectionName: 'c', properties: { 'collection.ttl.seconds': -1 } }), 1100, 'properties.collection.ttl.seconds: must be a whole number of seconds (0 or more), got -1');
    await expectError(() => c.alterCollectionProperties({ collectionName: 'c', properties: { 'collection.ttl.seconds': '1.5' } }), 1100, 'got "1.5"');
    await expectError(() => c.createCollection({ collectionName: 'd', dimension: 2, params: { ttlSeconds: -5 } }), 1100, 'params.ttlSeconds: must be a whole number of seconds');
    const props = (await c.describeCollection({ collectionName: 'c' })).data.properties;
    expect(props).toEqual([{ key: 'collection.ttl.seconds', value: '60' }]);
  });
});
