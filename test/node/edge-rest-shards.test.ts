// Scale-out on Cloudflare: a collection created with shardsNum > 1 spreads its rows over that many
// Durable Objects by primary-key hash; the Worker fans searches, queries, gets, deletes and stats
// out and merges them. Checked against a one-shard collection holding the same rows, in workerd.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerd, type WorkerdQuiver } from '../edge/workerd-quiver.js';
import { post, ROOT_PASSWORD, vectors } from './server-fixture.js';

const DIM = 16;
const N = 600;
const VEC = vectors(N, DIM, 21);
const QUERIES = vectors(6, DIM, 99);
const rows = VEC.map((vec, id) => ({ id, tag: ['a', 'b', 'c'][id % 3], n: id * 7, vec }));

let dir: string;
let w: WorkerdQuiver;
const url = (): string => w.url;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quiver-shards-'));
  w = await startWorkerd(dir, { QUIVER_ROOT_PASSWORD: ROOT_PASSWORD, QUIVER_PASSWORD_ITERATIONS: '1000' });
  const schema = {
    fields: [
      { fieldName: 'id', dataType: 'Int64', isPrimary: true },
      { fieldName: 'tag', dataType: 'VarChar', elementTypeParams: { max_length: 8 } },
      { fieldName: 'n', dataType: 'Int64' },
      { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim: DIM } },
    ],
  };
  for (const [name, shardsNum] of [['one', 1], ['two', 2]] as const) {
    const create = await post(url(), 'collections/create', { collectionName: name, schema, indexParams: [{ fieldName: 'vec', metricType: 'L2', params: { index_type: 'FLAT' } }], params: { shardsNum } });
    expect(create.code, create.message).toBe(0);
    for (let i = 0; i < N; i += 200) expect((await post(url(), 'entities/insert', { collectionName: name, data: rows.slice(i, i + 200) })).data.insertCount).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await w?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const both = async (path: string, body: Record<string, unknown>): Promise<[any, any]> => {
  const [a, b] = await Promise.all(['one', 'two'].map((collectionName) => post(url(), path, { ...body, collectionName })));
  expect(a!.code, a!.message).toBe(0);
  expect(b!.code, b!.message).toBe(0);
  return [a, b];
};

const ids = (hits: Array<{ id: number }>): number[] => hits.map((h) => h.id);

async function expectSameSearches(): Promise<void> {
  for (const body of [
    { data: QUERIES, annsField: 'vec', limit: 10 },
    { data: [QUERIES[0]], annsField: 'vec', limit: 7, offset: 5, outputFields: ['tag', 'n'] },
    { data: QUERIES.slice(0, 2), annsField: 'vec', limit: 15, filter: 'tag == "b" and n > 700' },
  ]) {
    const [one, two] = await both('entities/search', body);
    expect(two.topks).toEqual(one.topks);
    expect(ids(two.data)).toEqual(ids(one.data));
    two.data.forEach((h: { distance: number }, i: number) => expect(h.distance).toBeCloseTo(one.data[i].distance, 5));
    expect(two.data).toEqual(one.data);
  }
}

describe('a two-shard collection', () => {
  it('is described with shardsNum 2 and spreads its rows over two Durable Objects', async () => {
    const [one, two] = await both('collections/describe', {});
    expect([one.data.shardsNum, two.data.shardsNum]).toEqual([1, 2]);
    await both('collections/flush', {});
    const keys = (await (await w.mf.getR2Bucket('QUIVER_BUCKET')).list({ limit: 1000 })).objects.map((o) => o.key);
    const shardFiles = (i: number) => keys.filter((k) => k.startsWith(`shard/default/${two.data.collectionID}/${i}/`) && k.endsWith('.qseg'));
    expect(shardFiles(0).length).toBeGreaterThan(0);
    expect(shardFiles(1).length).toBeGreaterThan(0);
    const [s1, s2] = await both('collections/get_stats', {});
    expect(s2.data.rowCount).toBe(N);
    expect(s1.data.rowCount).toBe(N);
  });

  it('returns the same top-k as a one-shard collection with the same rows', async () => {
    await expectSameSearches();
  });

  it('answers queries, counts and gets like the one-shard collection', async () => {
    const byId = (r: Array<{ id: number }>) => [...r].sort((x, y) => x.id - y.id);
    const [q1, q2] = await both('entities/query', { filter: 'tag == "a" and n < 2000', outputFields: ['tag', 'n'], limit: 1000 });
    expect(q2.data).toEqual(byId(q1.data));
    const [c1, c2] = await both('entities/query', { filter: 'n >= 100', outputFields: ['count(*)'] });
    expect(c2.data).toEqual(c1.data);
    const [p1, p2] = await both('entities/query', { filter: 'id >= 0', outputFields: ['n'], limit: 20, offset: 30 });
    expect(p1.data).toHaveLength(20);
    expect(ids(p2.data)).toEqual(Array.from({ length: 20 }, (_, i) => 30 + i)); // merged in primary-key order
    const [g1, g2] = await both('entities/get', { id: [5, 123, 599, 4], outputFields: ['tag', 'n', 'vec'] });
    expect(byId(g2.data)).toEqual(byId(g1.data));
  });

  it('applies deletes and upserts on the owning shards', async () => {
    const [d1, d2] = await both('entities/delete', { filter: 'n % 2 == 0 and id < 300' });
    expect(d2.data.deleteCount).toBe(d1.data.deleteCount);
    const fresh = vectors(20, DIM, 7); // distinct vectors: no distance ties, whose order is not defined
    const changed = rows.slice(400, 420).map((r, i) => ({ ...r, tag: 'z', vec: fresh[i] }));
    const [u1, u2] = await both('entities/upsert', { data: changed });
    expect(u2.data).toEqual(u1.data);
    const [c1, c2] = await both('entities/query', { filter: '', outputFields: ['count(*)'] });
    expect(c2.data).toEqual(c1.data);
    await expectSameSearches();
  });

  it('keeps answering after the runtime restarts, and drops its shards with it', async () => {
    const { collectionID } = (await post(url(), 'collections/describe', { collectionName: 'two' })).data;
    await w.dispose();
    w = await startWorkerd(dir, { QUIVER_ROOT_PASSWORD: ROOT_PASSWORD, QUIVER_PASSWORD_ITERATIONS: '1000' });
    await expectSameSearches();
    expect((await post(url(), 'collections/drop', { collectionName: 'two' })).code).toBe(0);
    const left = (await (await w.mf.getR2Bucket('QUIVER_BUCKET')).list({ prefix: `shard/default/${collectionID}/` })).objects;
    expect(left).toEqual([]);
  }, 60_000);
});
