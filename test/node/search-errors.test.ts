import { beforeAll, describe, expect, it } from 'vitest';
import { open } from '@quiver/node';
import { expectError, type Client } from './helpers.js';
import { bruteAll, expectExact, randomVectors, rng, type Hit } from './search-brute.js';

// Bad search input fails with a QuiverError whose code is Milvus's and whose message names the
// offending field; the collection keeps answering correctly after each failure.

const DIM = 8;
const r = rng(77);
const ROWS = randomVectors(r, 500, DIM).map((v, i) => ({ id: i, tag: i % 3, vector: v }));
const Q = randomVectors(r, 1, DIM)[0]!;
const FULL = bruteAll('L2', ROWS.map((x) => ({ id: x.id, v: x.vector })), Q);

describe('search: bad input', () => {
  let c: Client;
  const name = 'v';

  beforeAll(async () => {
    c = await open({ uri: 'memory://', tickMs: 0 });
    await c.createCollection({ collectionName: name, dimension: DIM, metricType: 'L2' });
    await c.insert({ collectionName: name, data: ROWS.slice(0, 300) });
    await c.flush({ collectionName: name });
    await c.waitForIdle();
    await c.insert({ collectionName: name, data: ROWS.slice(300) });
    return async () => {
      await c.close();
    };
  });

  const search = (body: Record<string, unknown>) => c.search({ collectionName: name, ...body }) as unknown as Promise<{ data: Hit[] }>;

  /** The collection still answers: exact over the growing rows, and the sealed ones through HNSW (ef large enough to be exact here). */
  async function stillWorks(): Promise<void> {
    const res = await search({ data: [Q], limit: 10, searchParams: { params: { ef: 300 } } });
    expectExact(res.data, FULL.slice(0, 10), FULL, 'after a failure');
  }

  it('wrong dimension', async () => {
    await expectError(() => search({ data: [[1, 2, 3]] }), 1100, 'data[0]', 'dim 8', '"vector"');
    await expectError(() => search({ data: [Q, [...Q, 1]] }), 1100, 'data[1]', 'dim 8');
    await stillWorks();
  });

  it('unknown or non-vector annsField', async () => {
    await expectError(() => search({ data: [Q], annsField: 'nope' }), 1700, 'annsField', '"nope"');
    await expectError(() => search({ data: [Q], annsField: 'id' }), 1100, 'annsField', '"id"');
    await stillWorks();
  });

  it('metric type that does not match the index', async () => {
    await expectError(() => search({ data: [Q], searchParams: { metricType: 'IP' } }), 1100, 'metricType', 'IP', 'L2');
    await expectError(() => search({ data: [Q], searchParams: { metricType: 'COSINE', params: { ef: 20 } } }), 1100, 'metricType', 'COSINE');
    // The index's own metric, in any case, is fine.
    const ok = await search({ data: [Q], limit: 10, searchParams: { metricType: 'l2', params: { ef: 300 } } });
    expectExact(ok.data, FULL.slice(0, 10), FULL, 'metricType l2');
    await stillWorks();
  });

  it('limit + offset beyond 16384, and non-positive limits', async () => {
    await expectError(() => search({ data: [Q], limit: 16000, offset: 385 }), 1100, 'limit', 'offset', '16384');
    await expectError(() => search({ data: [Q], limit: 16385 }), 1100, 'limit', '16384');
    await expectError(() => search({ data: [Q], limit: 0 }), 1100, 'limit');
    await expectError(() => search({ data: [Q], offset: -1 }), 1100, 'offset');
    // The largest window is allowed: here it is the last 116 of the 500 rows.
    const res = await search({ data: [Q], limit: 16000, offset: 384 });
    expectExact(res.data, FULL.slice(384), FULL, 'limit 16000 offset 384');
    await stillWorks();
  });

  it('NaN or infinite numbers in a query vector', async () => {
    const bad = [...Q];
    bad[3] = Number.NaN;
    await expectError(() => search({ data: [bad] }), 1100, 'data');
    const badF = Float32Array.from(Q);
    badF[5] = Number.NaN;
    await expectError(() => search({ data: [badF] }), 1100, 'data[0][5]', 'NaN');
    const inf = Float32Array.from(Q);
    inf[0] = Number.POSITIVE_INFINITY;
    await expectError(() => search({ data: [Q, inf] }), 1100, 'data[1][0]');
    // In hybrid search too.
    await expectError(() => c.hybridSearch({ collectionName: name, search: [{ data: [badF], annsField: 'vector' }], rerank: { strategy: 'rrf' } }), 1100, 'search[0].data');
    await stillWorks();
  });

  it('bad grouping field, range params or filter', async () => {
    await expectError(() => search({ data: [Q], groupingField: 'nope' }), 1700, 'groupingField', '"nope"');
    await expectError(() => search({ data: [Q], groupingField: 'vector' }), 1100, 'groupingField', 'vector');
    await expectError(() => search({ data: [Q], searchParams: { params: { ef: 5 } }, limit: 10 }), 1100, 'ef');
    await expectError(() => search({ data: [Q], filter: 'tag ==' }), 90003, 'column 7');
    // Range windows the wrong way round for the metric (L2 wants range_filter < radius), or not numbers.
    await expectError(() => search({ data: [Q], searchParams: { params: { radius: 1, range_filter: 2 } } }), 1100, 'range_filter', 'radius', 'L2');
    await expectError(() => search({ data: [Q], searchParams: { params: { radius: 1, range_filter: 1 } } }), 1100, 'range_filter');
    await expectError(() => search({ data: [Q], searchParams: { params: { radius: 'far' } } }), 1100, 'radius');
    await expectError(() => c.hybridSearch({ collectionName: name, search: [{ data: [Q], annsField: 'vector', params: { radius: 5, range_filter: 9 } }], rerank: { strategy: 'rrf' } }), 1100, 'search[0].params.range_filter');
    await expectError(() => search({ data: [] }), 1101, 'data');
    await stillWorks();
  });

  it('search on a released collection fails with 101 until it is loaded again', async () => {
    await c.releaseCollection({ collectionName: name });
    await expectError(() => search({ data: [Q] }), 101, name);
    await expectError(() => c.hybridSearch({ collectionName: name, search: [{ data: [Q], annsField: 'vector' }], rerank: { strategy: 'rrf' } }), 101, name);
    await c.loadCollection({ collectionName: name });
    await stillWorks();
  });

  it('unknown collection', async () => {
    await expectError(() => c.search({ collectionName: 'missing', data: [Q] }), 100, 'missing');
    await stillWorks();
  });
});
