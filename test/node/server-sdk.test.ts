// The official Milvus Node SDK's HttpClient, unchanged, driving a full flow against the real
// server over loopback: custom schema, writes, reads, searches, partitions, aliases, drop.
import { describe, expect, it } from 'vitest';
import { HttpClient, HttpError } from '@zilliz/milvus2-sdk-node';
import { ROOT_PASSWORD, useServer, vectors } from './server-fixture.js';

const server = useServer();
const DIM = 8;
const N = 200;
const VEC = vectors(N, DIM, 7);
const VEC2 = vectors(N, 4, 11);
const rows = Array.from({ length: N }, (_, i) => ({
  id: i,
  title: `Book ${i}`,
  year: 1900 + (i % 120),
  tags: i % 2 === 0 ? ['even'] : ['odd'],
  vec: VEC[i],
  vec2: VEC2[i],
  shelf: `S${i % 5}`,
}));

function sdk(): HttpClient {
  return new HttpClient({ endpoint: server().url, username: 'root', password: ROOT_PASSWORD });
}

describe('Milvus SDK HttpClient against the server', () => {
  it('answers an unknown route with HTTP 404 (HttpError)', async () => {
    const bad = new HttpClient({ baseURL: `${server().url}/v1/nonexistent`, username: 'root', password: ROOT_PASSWORD });
    const err = await bad.listCollections().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(404);
  });

  it('runs a full flow: schema, writes, reads, searches, partitions, aliases, drop', async () => {
    const c = sdk();
    const create = await c.createCollection({
      collectionName: 'books',
      schema: {
        autoId: false,
        enabledDynamicField: true,
        fields: [
          { fieldName: 'id', dataType: 'Int64', isPrimary: true },
          { fieldName: 'title', dataType: 'VarChar', elementTypeParams: { max_length: 64 } },
          { fieldName: 'year', dataType: 'Int16' },
          { fieldName: 'tags', dataType: 'Array', elementDataType: 'VarChar', elementTypeParams: { max_capacity: 4, max_length: 8 } },
          { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim: DIM } },
          { fieldName: 'vec2', dataType: 'FloatVector', elementTypeParams: { dim: 4 } },
        ],
      },
      indexParams: [
        { fieldName: 'vec', indexName: 'vec_idx', metricType: 'L2', params: { index_type: 'HNSW', M: 8, efConstruction: 64 } },
        { fieldName: 'vec2', metricType: 'IP' },
      ],
    } as never);
    expect(create.code).toBe(0);

    const desc = await c.describeCollection({ collectionName: 'books' });
    expect(desc.code).toBe(0);
    expect(desc.data.collectionName).toBe('books');
    expect(desc.data.enableDynamicField).toBe(true);
    expect(desc.data.shardsNum).toBe(1);
    expect(desc.data.fields.map((f: { name: string }) => f.name)).toEqual(['id', 'title', 'year', 'tags', 'vec', 'vec2']);
    expect(desc.data.indexes).toEqual(expect.arrayContaining([expect.objectContaining({ fieldName: 'vec', indexName: 'vec_idx', metricType: 'L2' })]));
    expect((await c.getCollectionLoadState({ collectionName: 'books' })).data.loadState).toBe('LoadStateLoaded');

    const ins = await c.insert({ collectionName: 'books', data: rows });
    expect(ins.code).toBe(0);
    expect(ins.data.insertCount).toBe(N);
    // the SDK sends Accept-Type-Allow-Int64: false, so Int64 ids come back as strings
    expect(ins.data.insertIds.slice(0, 3)).toEqual(['0', '1', '2']);

    const up = await c.upsert({ collectionName: 'books', data: rows.slice(0, 10).map((r) => ({ ...r, title: `New ${r.id}` })) });
    expect(up.code).toBe(0);
    expect(up.data.upsertCount).toBe(10);
    expect(up.data.upsertIds).toEqual(Array.from({ length: 10 }, (_, i) => String(i)));

    const got = await c.get({ collectionName: 'books', id: [3, 150], outputFields: ['title', 'year', 'shelf'] });
    expect(got.code).toBe(0);
    expect(got.data.map((r: { id: string; title: string; shelf: string }) => [r.id, r.title, r.shelf]).sort()).toEqual([['150', 'Book 150', 'S0'], ['3', 'New 3', 'S3']]);

    const q = await c.query({ collectionName: 'books', filter: 'year >= 2000 and array_contains(tags, "even") and shelf == "S0"', outputFields: ['title', 'year'], limit: 100 });
    const want = rows.filter((r) => r.year >= 2000 && r.id % 2 === 0 && r.shelf === 'S0').map((r) => String(r.id));
    expect(q.code).toBe(0);
    expect(q.data.map((r: { id: string }) => r.id).sort()).toEqual(want.sort());
    expect(q.data.every((r: { year: number }) => r.year >= 2000)).toBe(true);

    const count = await c.query({ collectionName: 'books', filter: '', outputFields: ['count(*)'] });
    expect(count.data).toEqual([{ 'count(*)': N }]);

    const one = await c.search({ collectionName: 'books', annsField: 'vec', data: [VEC[42]], filter: 'id >= 40', limit: 5, outputFields: ['title', 'year'] });
    expect(one.code).toBe(0);
    expect(one.data).toHaveLength(5);
    expect(one.data[0]).toMatchObject({ id: '42', title: 'Book 42', year: 1942 });
    expect(one.data[0].distance).toBeCloseTo(0, 4);
    expect(one.data.every((h: { id: string }) => Number(h.id) >= 40)).toBe(true);
    const dists = one.data.map((h: { distance: number }) => h.distance);
    expect([...dists].sort((a, b) => a - b)).toEqual(dists);

    const several = await c.search({ collectionName: 'books', annsField: 'vec', data: [VEC[11], VEC[77], VEC[123]], limit: 3, outputFields: ['title'] });
    expect(several.code).toBe(0);
    expect(several.topks).toEqual([3, 3, 3]);
    expect((several.data as unknown as Array<Array<{ id: string; title: string }>>).map((hits) => hits[0]!.id)).toEqual(['11', '77', '123']);

    const hybrid = await c.hybridSearch({
      collectionName: 'books',
      search: [
        { data: [VEC[5]], annsField: 'vec', limit: 10 },
        { data: [VEC2[5]], annsField: 'vec2', limit: 10 },
      ],
      rerank: { strategy: 'rrf', params: { k: 60 } },
      limit: 3,
      outputFields: ['title'],
    } as never);
    expect(hybrid.code).toBe(0);
    expect(hybrid.data).toHaveLength(3);
    expect(hybrid.data[0]).toMatchObject({ id: '5', title: 'New 5' });

    const del = await c.delete({ collectionName: 'books', filter: 'year < 1950' });
    expect(del.code).toBe(0);
    const left = rows.filter((r) => r.year >= 1950).length;
    expect((await c.query({ collectionName: 'books', filter: '', outputFields: ['count(*)'] })).data).toEqual([{ 'count(*)': left }]);
    // Stats count stored rows until compaction, as Milvus does: N inserted + 10 upserted versions.
    expect((await c.getCollectionStatistics({ collectionName: 'books' })).data.rowCount).toBe(N + 10);

    // partitions
    expect((await c.createPartition({ collectionName: 'books', partitionName: 'p_new' })).code).toBe(0);
    expect((await c.listPartitions({ collectionName: 'books' })).data).toEqual(['_default', 'p_new']);
    expect((await c.hasPartition({ collectionName: 'books', partitionName: 'p_new' })).data.has).toBe(true);
    const extra = Array.from({ length: 4 }, (_, i) => ({ ...rows[i]!, id: 1000 + i, title: `Part ${i}` }));
    expect((await c.insert({ collectionName: 'books', partitionName: 'p_new', data: extra } as never)).data.insertCount).toBe(4);
    const inPart = await c.query({ collectionName: 'books', filter: 'id > 0', partitionNames: ['p_new'], outputFields: ['title'] } as never);
    expect(inPart.data.map((r: { title: string }) => r.title).sort()).toEqual(['Part 0', 'Part 1', 'Part 2', 'Part 3']);
    expect((await c.getPartitionStatistics({ collectionName: 'books', partitionName: 'p_new' })).data.rowCount).toBe(4);
    expect((await c.releasePartitions({ collectionName: 'books', partitionNames: ['p_new'] })).code).toBe(0);
    expect((await c.loadPartitions({ collectionName: 'books', partitionNames: ['p_new'] })).code).toBe(0);

    // aliases
    expect((await c.createAlias({ collectionName: 'books', aliasName: 'library' })).code).toBe(0);
    expect((await c.listAliases({})).data).toEqual(['library']);
    expect((await c.describeAlias({ aliasName: 'library' })).data).toMatchObject({ aliasName: 'library', collectionName: 'books' });
    const viaAlias = await c.query({ collectionName: 'library', filter: '', outputFields: ['count(*)'] });
    expect(viaAlias.data).toEqual([{ 'count(*)': left + 4 }]);
    expect((await c.createCollection({ collectionName: 'other', dimension: 4 })).code).toBe(0);
    expect((await c.alterAlias({ collectionName: 'other', aliasName: 'library' })).code).toBe(0);
    expect((await c.query({ collectionName: 'library', filter: '', outputFields: ['count(*)'] })).data).toEqual([{ 'count(*)': 0 }]);
    expect((await c.dropAlias({ aliasName: 'library' })).code).toBe(0);
    expect((await c.listAliases({})).data).toEqual([]);

    expect((await c.listCollections()).data.sort()).toEqual(['books', 'other']);
    expect((await c.dropCollection({ collectionName: 'books' })).code).toBe(0);
    expect((await c.dropCollection({ collectionName: 'other' })).code).toBe(0);
    expect((await c.hasCollection({ collectionName: 'books' } as never)).data.has).toBe(false);
  });

  it('reports engine errors in the envelope without throwing', async () => {
    const res = await sdk().describeCollection({ collectionName: 'no_such_collection' });
    expect(res.code).toBe(100);
    expect(String((res as unknown as { message: string }).message)).toContain('no_such_collection');
  });
});
