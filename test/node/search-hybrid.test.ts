import { beforeAll, describe, expect, it } from 'vitest';
import { open } from '@quiver/node';
import { expectError, type Client } from './helpers.js';
import { batches, bruteAll, expectExact, randomVectors, rng, splitByTopks, type Hit, type Metric, type Scored, type Vec } from './search-brute.js';

// hybrid_search (MILVUS-REST.md): one exact search per vector field, fused by RRF (score
// Σ 1/(k + rank), rank from 1) or weighted (Σ weight × Milvus's normalized distance: COSINE
// (1 + d) / 2, IP 0.5 + atan(d)/π, L2 1 − 2·atan(d)/π). The expected ranking is computed here from
// brute-force per-field results; the fields use index_type FLAT, so each sub-search is exact.

const N = 1500;
const FIELDS: Record<string, { dim: number; metric: Metric }> = {
  a: { dim: 8, metric: 'L2' },
  b: { dim: 12, metric: 'COSINE' },
  c: { dim: 6, metric: 'IP' },
};

interface Row {
  id: number;
  bucket: number;
  a: Vec;
  b: Vec;
  c: Vec;
}

const r = rng(31);
const va = randomVectors(r, N, 8);
const vb = randomVectors(r, N, 12);
const vc = randomVectors(r, N, 6);
const ROWS: Row[] = Array.from({ length: N }, (_, i) => ({ id: 10_000 + i, bucket: i % 10, a: va[i]!, b: vb[i]!, c: vc[i]! }));
const Q = { a: randomVectors(r, 3, 8), b: randomVectors(r, 3, 12), c: randomVectors(r, 3, 6) };
type Field = 'a' | 'b' | 'c';

function norm(metric: Metric, d: number): number {
  if (metric === 'COSINE') return (1 + d) / 2;
  if (metric === 'IP') return 0.5 + Math.atan(d) / Math.PI;
  return 1 - (2 * Math.atan(d)) / Math.PI;
}

/** Exact top-`limit` of one field for one query, over `rows`. */
function fieldTop(field: Field, rows: readonly Row[], q: Vec, limit: number): Scored[] {
  return bruteAll(FIELDS[field]!.metric, rows.map((x) => ({ id: x.id, v: x[field] })), q).slice(0, limit);
}

/** Fuses per-field lists into the full ranking (best first; ties by id). */
function fuse(lists: Array<{ field: Field; top: Scored[] }>, score: (li: number, rank: number, s: Scored) => number): Scored[] {
  const acc = new Map<number, number>();
  lists.forEach((l, li) => l.top.forEach((s, i) => acc.set(s.id, (acc.get(s.id) ?? 0) + score(li, i + 1, s))));
  return [...acc.entries()].map(([id, d]) => ({ id, d })).sort((x, y) => y.d - x.d || x.id - y.id);
}

type Res = { data: Hit[]; topks?: number[] };

describe('hybrid search', () => {
  let c: Client;
  const name = 'multi';

  beforeAll(async () => {
    c = await open({ uri: 'memory://', tickMs: 0 });
    await c.createCollection({
      collectionName: name,
      schema: {
        fields: [
          { fieldName: 'id', dataType: 'Int64', isPrimary: true },
          { fieldName: 'bucket', dataType: 'Int64' },
          ...Object.entries(FIELDS).map(([f, s]) => ({ fieldName: f, dataType: 'FloatVector', elementTypeParams: { dim: s.dim } })),
        ],
      },
      indexParams: Object.entries(FIELDS).map(([f, s]) => ({ fieldName: f, metricType: s.metric, params: { index_type: 'FLAT' } })),
    });
    // 1000 rows flushed (sealed), 500 growing.
    for (const b of batches(ROWS.slice(0, 1000), 250)) await c.insert({ collectionName: name, data: b });
    await c.flush({ collectionName: name });
    for (const b of batches(ROWS.slice(1000), 250)) await c.insert({ collectionName: name, data: b });
    return async () => {
      await c.close();
    };
  });

  const hybrid = async (body: Record<string, unknown>): Promise<Res> => (await c.hybridSearch({ collectionName: name, ...body })) as unknown as Res;

  it('RRF: Σ 1/(k + rank) over the per-field top lists', async () => {
    for (let qi = 0; qi < 3; qi++) {
      for (const k of [60, 5]) {
        const res = await hybrid({
          search: [
            { data: [Q.a[qi]], annsField: 'a', limit: 20 },
            { data: [Q.b[qi]], annsField: 'b', limit: 30 },
          ],
          rerank: { strategy: 'rrf', params: { k } },
          limit: 10,
          outputFields: ['bucket'],
        });
        const full = fuse(
          [
            { field: 'a', top: fieldTop('a', ROWS, Q.a[qi]!, 20) },
            { field: 'b', top: fieldTop('b', ROWS, Q.b[qi]!, 30) },
          ],
          (_li, rank) => 1 / (k + rank),
        );
        expectExact(res.data, full.slice(0, 10), full, `rrf k=${k} q${qi}`);
        for (const h of res.data) expect(h.bucket).toBe((h.id - 10_000) % 10);
      }
    }
    // Default k is 60; offset pages the fused ranking; three fields.
    const res = await hybrid({
      search: [
        { data: [Q.a[0]], annsField: 'a', limit: 15 },
        { data: [Q.b[0]], annsField: 'b', limit: 15 },
        { data: [Q.c[0]], annsField: 'c', limit: 15 },
      ],
      rerank: { strategy: 'rrf' },
      limit: 6,
      offset: 4,
    });
    const full = fuse((['a', 'b', 'c'] as Field[]).map((f) => ({ field: f, top: fieldTop(f, ROWS, Q[f][0]!, 15) })), (_li, rank) => 1 / (60 + rank));
    expectExact(res.data, full.slice(4, 10), full, 'rrf default k, offset 4');
  });

  it('weighted: Σ weight × normalized distance (L2, COSINE, IP)', async () => {
    const weights = [0.2, 0.5, 0.3];
    const fields: Field[] = ['a', 'b', 'c'];
    for (let qi = 0; qi < 3; qi++) {
      const res = await hybrid({
        search: fields.map((f) => ({ data: [Q[f][qi]], annsField: f, limit: 25 })),
        rerank: { strategy: 'weighted', params: { weights } },
        limit: 12,
      });
      const full = fuse(
        fields.map((f) => ({ field: f, top: fieldTop(f, ROWS, Q[f][qi]!, 25) })),
        (li, _rank, s) => weights[li]! * norm(FIELDS[fields[li]!]!.metric, s.d),
      );
      expectExact(res.data, full.slice(0, 12), full, `weighted q${qi}`);
    }
    // Two fields, one weight zero: the ranking is the other field's, scored by its normalization.
    const res = await hybrid({
      search: [
        { data: [Q.a[1]], annsField: 'a', limit: 10 },
        { data: [Q.b[1]], annsField: 'b', limit: 10 },
      ],
      rerank: { strategy: 'weighted', params: { weights: [1, 0] } },
      limit: 10,
    });
    const top = fieldTop('a', ROWS, Q.a[1]!, 10);
    expect(res.data.slice(0, 10).map((h) => h.id)).toEqual(top.map((s) => s.id));
    res.data.slice(0, 10).forEach((h, i) => expect(Math.abs(h.distance - norm('L2', top[i]!.d))).toBeLessThan(1e-5));
  });

  it('several query vectors (topks), per-request filters', async () => {
    const res = await hybrid({
      search: [
        { data: [Q.a[0], Q.a[1]], annsField: 'a', limit: 20, filter: 'bucket < 5' },
        { data: [Q.c[0], Q.c[1]], annsField: 'c', limit: 20, filter: 'bucket >= 3' },
      ],
      rerank: { strategy: 'rrf', params: { k: 10 } },
      limit: 8,
      outputFields: ['bucket'],
    });
    const per = splitByTopks(res.data, res.topks, 2);
    expect(res.topks).toEqual([8, 8]);
    per.forEach((hits, qi) => {
      const full = fuse(
        [
          { field: 'a', top: fieldTop('a', ROWS.filter((x) => x.bucket < 5), Q.a[qi]!, 20) },
          { field: 'c', top: fieldTop('c', ROWS.filter((x) => x.bucket >= 3), Q.c[qi]!, 20) },
        ],
        (_li, rank) => 1 / (10 + rank),
      );
      expectExact(hits, full.slice(0, 8), full, `nq=2 q${qi}`);
    });
  });

  it('range params in a sub-request restrict that field to its window', async () => {
    const fa = bruteAll('L2', ROWS.map((x) => ({ id: x.id, v: x.a })), Q.a[0]!);
    const fb = bruteAll('COSINE', ROWS.map((x) => ({ id: x.id, v: x.b })), Q.b[0]!);
    // a: ranks 30..49 (L2: range_filter <= d < radius); b: plain top 20.
    const radius = (fa[49]!.d + fa[50]!.d) / 2;
    const rangeFilter = (fa[29]!.d + fa[30]!.d) / 2;
    const res = await hybrid({
      search: [
        { data: [Q.a[0]], annsField: 'a', limit: 20, params: { radius, range_filter: rangeFilter } },
        { data: [Q.b[0]], annsField: 'b', limit: 20 },
      ],
      rerank: { strategy: 'rrf', params: { k: 60 } },
      limit: 40,
    });
    const full = fuse(
      [
        { field: 'a', top: fa.slice(30, 50) },
        { field: 'b', top: fb.slice(0, 20) },
      ],
      (_li, rank) => 1 / (60 + rank),
    );
    expectExact(res.data, full.slice(0, 40), full, 'rrf with a range sub-request');
  });

  it('after deletes and a full flush the fusion follows the live rows', async () => {
    const gone = ROWS.filter((x) => x.id % 4 === 0).map((x) => x.id);
    await c.delete({ collectionName: name, ids: gone });
    await c.flush({ collectionName: name });
    await c.waitForIdle();
    const live = ROWS.filter((x) => x.id % 4 !== 0);
    const weights = [0.7, 0.3];
    const res = await hybrid({
      search: [
        { data: [Q.b[2]], annsField: 'b', limit: 20 },
        { data: [Q.c[2]], annsField: 'c', limit: 20 },
      ],
      rerank: { strategy: 'weighted', params: { weights } },
      limit: 10,
    });
    const full = fuse(
      [
        { field: 'b', top: fieldTop('b', live, Q.b[2]!, 20) },
        { field: 'c', top: fieldTop('c', live, Q.c[2]!, 20) },
      ],
      (li, _rank, s) => weights[li]! * norm(li === 0 ? 'COSINE' : 'IP', s.d),
    );
    expectExact(res.data, full.slice(0, 10), full, 'weighted after deletes');
  });

  it('bad rerank and sub-request input fails with the field named', async () => {
    const sub = [
      { data: [Q.a[0]], annsField: 'a', limit: 5 },
      { data: [Q.b[0]], annsField: 'b', limit: 5 },
    ];
    await expectError(() => hybrid({ search: sub, rerank: { strategy: 'weighted', params: { weights: [0.5] } } }), 1100, 'weights');
    await expectError(() => hybrid({ search: sub, rerank: { strategy: 'best' } }), 1100, 'rerank.strategy');
    await expectError(() => hybrid({ search: [sub[0], { ...sub[1]!, annsField: 'zz' }], rerank: { strategy: 'rrf' } }), 1700, 'search[1].annsField', 'zz');
    await expectError(() => hybrid({ search: [sub[0], { ...sub[1]!, data: [Q.a[0]] }], rerank: { strategy: 'rrf' } }), 1100, 'search[1].data', 'dim');
    await expectError(() => hybrid({ search: [sub[0], { ...sub[1]!, metricType: 'L2' }], rerank: { strategy: 'rrf' } }), 1100, 'metricType');
    // Plain search on a collection with three vector fields must name one.
    await expectError(() => c.search({ collectionName: name, data: [Q.a[0]] }), 1101, 'annsField');
    // Still works.
    const res = await hybrid({ search: sub, rerank: { strategy: 'rrf' }, limit: 3 });
    expect(res.data).toHaveLength(3);
  });
});
