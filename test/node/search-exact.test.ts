import { beforeAll, describe, expect, it } from 'vitest';
import { open } from '@quiver/node';
import type { Client } from './helpers.js';
import { batches, bruteAll, expectExact, inWindow, randomVectors, rng, splitByTopks, type Hit, type Metric, type Scored, type Vec } from './search-brute.js';

// Exact search (ARCHITECTURE.md §4, §6): growing segments (exact scan) and index_type FLAT equal a
// brute-force scan written here — ids, distances (1e-4 relative), several query vectors (topks),
// limit, offset, filters — plus range search (radius / range_filter) and grouping search, whose
// expected answers are derived from the same brute force.

const DIM = 16;
const N1 = 1200; // flushed: a sealed segment
const N2 = 800; // inserted after the flush: the growing segment
const METRICS: Metric[] = ['L2', 'IP', 'COSINE'];

interface Row {
  id: number;
  bucket: number;
  v: Vec;
}

const r = rng(7);
const vectors = randomVectors(r, N1 + N2, DIM);
const ROWS: Row[] = vectors.map((v, i) => ({ id: i * 3 + 1, bucket: Math.floor(r() * 100), v }));
const BUCKET = new Map(ROWS.map((x) => [x.id, x.bucket]));
const QUERIES = randomVectors(r, 4, DIM);

type Res = { data: Hit[]; topks?: number[] };

async function search(c: Client, name: string, body: Record<string, unknown>): Promise<Res> {
  return (await c.search({ collectionName: name, ...body })) as unknown as Res;
}

function brute(metric: Metric, rows: readonly Row[], q: Vec): Scored[] {
  return bruteAll(metric, rows, q);
}

/** Milvus's grouping: the first `groups` distinct groups (best hit first), up to `size` best hits each, group after group. */
function expectedGroups(full: readonly Scored[], groups: number, size: number, offset = 0): Scored[][] {
  const byKey = new Map<number, Scored[]>();
  for (const s of full) {
    const k = BUCKET.get(s.id)!;
    const g = byKey.get(k);
    if (g) {
      if (g.length < size) g.push(s);
    } else if (byKey.size < groups + offset) byKey.set(k, [s]);
  }
  return [...byKey.values()].slice(offset);
}

describe.each(METRICS)('exact search, %s', (metric) => {
  let c: Client;
  const flat = `flat_${metric}`;
  const grow = `grow_${metric}`;

  beforeAll(async () => {
    c = await open({ uri: 'memory://', tickMs: 0 });
    const schema = {
      fields: [
        { fieldName: 'id', dataType: 'Int64', isPrimary: true },
        { fieldName: 'bucket', dataType: 'Int64' },
        { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: DIM } },
      ],
    };
    await c.createCollection({ collectionName: flat, schema, indexParams: [{ fieldName: 'v', metricType: metric, params: { index_type: 'FLAT' } }] });
    await c.createCollection({ collectionName: grow, schema, indexParams: [{ fieldName: 'v', metricType: metric, params: { index_type: 'AUTOINDEX' } }] });
    // Several insert batches, so the growing segment has several chunks.
    for (const b of batches(ROWS.slice(0, N1), 300)) {
      await c.insert({ collectionName: flat, data: b });
      await c.insert({ collectionName: grow, data: b });
    }
    return async () => {
      await c.close();
    };
  });

  /** The checks of one state of the collection, against `rows` (the rows it holds). */
  async function checkExact(name: string, rows: readonly Row[], label: string): Promise<void> {
    // Several query vectors: topks, and each query's hits exact, with output fields.
    const res = await search(c, name, { data: QUERIES.slice(0, 3), annsField: 'v', limit: 10, outputFields: ['bucket'] });
    const perQuery = splitByTopks(res.data, res.topks, 3);
    expect(res.topks).toEqual([10, 10, 10]);
    perQuery.forEach((hits, qi) => {
      const full = brute(metric, rows, QUERIES[qi]!);
      expectExact(hits, full.slice(0, 10), full, `${label} q${qi}`);
      for (const h of hits) expect(h.bucket, `${label}: bucket of ${h.id}`).toBe(BUCKET.get(h.id));
      for (const h of hits) expect(Object.keys(h).sort()).toEqual(['bucket', 'distance', 'id']);
    });

    // One vector: flat `data`, no topks; limit + offset is a window of the exact ranking.
    const full3 = brute(metric, rows, QUERIES[3]!);
    const page = await search(c, name, { data: [QUERIES[3]], limit: 7, offset: 5 });
    expect(page.topks).toBeUndefined();
    expectExact(page.data, full3.slice(5, 12), full3, `${label} offset 5`);
    for (const h of page.data) expect(Object.keys(h).sort()).toEqual(['distance', 'id']);

    // Default limit is 100.
    const def = await search(c, name, { data: [QUERIES[3]] });
    expectExact(def.data, full3.slice(0, 100), full3, `${label} default limit`);

    // A filter with fewer matches than the limit returns every match, in order.
    const matching = rows.filter((x) => x.bucket === 3 || x.bucket === 40);
    expect(matching.length).toBeGreaterThan(10);
    expect(matching.length).toBeLessThan(100);
    const fres = await search(c, name, { data: [QUERIES[0], QUERIES[1]], limit: 100, filter: 'bucket in [3, 40]' });
    const fq = splitByTopks(fres.data, fres.topks, 2);
    expect(fres.topks).toEqual([matching.length, matching.length]);
    fq.forEach((hits, qi) => {
      const full = brute(metric, matching, QUERIES[qi]!);
      expectExact(hits, full, full, `${label} filtered q${qi}`);
    });
    // ... and a window of it with offset.
    const fpage = await search(c, name, { data: [QUERIES[2]], limit: 5, offset: 3, filter: 'bucket in [3, 40]' });
    const ffull = brute(metric, matching, QUERIES[2]!);
    expectExact(fpage.data, ffull.slice(3, 8), ffull, `${label} filtered offset`);
  }

  it('growing segments (before any flush) equal the brute force', async () => {
    const rows = ROWS.slice(0, N1);
    await checkExact(grow, rows, 'growing/AUTOINDEX');
    await checkExact(flat, rows, 'growing/FLAT');
  });

  it('FLAT sealed + growing, then all sealed, equals the brute force', async () => {
    await c.flush({ collectionName: flat });
    for (const b of batches(ROWS.slice(N1), 300)) await c.insert({ collectionName: flat, data: b });
    await c.waitForIdle();
    const ix = (await c.describeIndex({ collectionName: flat, indexName: 'v' })).data[0] as Record<string, unknown>;
    expect(ix.indexType).toBe('FLAT');
    expect(ix.totalRows).toBe(N1 + N2);
    await checkExact(flat, ROWS, 'sealed FLAT + growing');
    await c.flush({ collectionName: flat });
    await c.waitForIdle();
    await checkExact(flat, ROWS, 'sealed FLAT x2');
  });

  it('range search returns exactly the rows in the window (up to limit), each distance in it', async () => {
    const rows = ROWS;
    for (const [qi, q] of QUERIES.entries()) {
      const full = brute(metric, rows, q);
      // Windows: ranks from..to-1 of the exact ranking (the `from` best rows are beyond range_filter).
      for (const [from, to] of [[15, 60], [300, 360]] as const) {
        const label = `range q${qi} ranks ${from}..${to}`;
        const rangeFilter = (full[from - 1]!.d + full[from]!.d) / 2;
        const radius = (full[to - 1]!.d + full[to]!.d) / 2;
        const want = full.filter((s) => inWindow(metric, s.d, radius, rangeFilter));
        expect(want.map((s) => s.id)).toEqual(full.slice(from, to).map((s) => s.id));
        const searchParams = { metricType: metric, params: { radius, range_filter: rangeFilter } };
        const all = await search(c, flat, { data: [q], limit: 100, searchParams });
        for (const h of all.data) expect(inWindow(metric, h.distance, radius, rangeFilter), `${label}: ${h.distance} outside (${rangeFilter}, ${radius})`).toBe(true);
        expectExact(all.data, want, full, `${label} limit 100`);
        const top = await search(c, flat, { data: [q], limit: 10, searchParams });
        expectExact(top.data, want.slice(0, 10), full, `${label} limit 10`);
        const win = await search(c, flat, { data: [q], limit: 10, offset: 5, searchParams });
        expectExact(win.data, want.slice(5, 15), full, `${label} limit 10 offset 5`);
        // Only radius: everything better than it.
        const onlyRadius = await search(c, flat, { data: [q], limit: 100, searchParams: { params: { radius } } });
        expectExact(onlyRadius.data, full.slice(0, Math.min(100, to)), full, `${label} radius only`);
        // With a filter too.
        const wantF = want.filter((s) => BUCKET.get(s.id)! < 50);
        const filtered = await search(c, flat, { data: [q], limit: 100, filter: 'bucket < 50', searchParams });
        expectExact(filtered.data, wantF, full, `${label} + filter`);
      }
    }
    // Several query vectors at once.
    const q2 = QUERIES.slice(0, 2);
    const windows = q2.map((q) => {
      const full = brute(metric, rows, q);
      return { full, rangeFilter: (full[4]!.d + full[5]!.d) / 2, radius: (full[24]!.d + full[25]!.d) / 2 };
    });
    // One window for both queries: the first's; each query gets its own rows in it.
    const { rangeFilter, radius } = windows[0]!;
    const res = await search(c, flat, { data: q2, limit: 50, searchParams: { params: { radius, range_filter: rangeFilter } } });
    splitByTopks(res.data, res.topks, 2).forEach((hits, qi) => {
      const full = windows[qi]!.full;
      expectExact(hits, full.filter((s) => inWindow(metric, s.d, radius, rangeFilter)).slice(0, 50), full, `range nq=2 q${qi}`);
    });
  });

  it('grouping search: the best distinct groups in order, up to groupSize best hits each', async () => {
    for (const [qi, q] of QUERIES.entries()) {
      const full = brute(metric, ROWS, q);
      const flatten = (gs: Scored[][]): Scored[] => gs.flat();
      // strictGroupSize: every group filled to groupSize (each bucket has far more than 2 rows).
      const strict = await search(c, flat, { data: [q], limit: 5, groupingField: 'bucket', groupSize: 2, strictGroupSize: true, outputFields: ['bucket'] });
      const want = expectedGroups(full, 5, 2);
      expect(want.every((g) => g.length === 2)).toBe(true);
      expectExact(strict.data, flatten(want), full, `strict groups q${qi}`);
      for (const h of strict.data) expect(h.bucket).toBe(BUCKET.get(h.id));
      // Offset skips whole groups.
      const off = await search(c, flat, { data: [q], limit: 3, offset: 2, groupingField: 'bucket', groupSize: 2, strictGroupSize: true });
      expectExact(off.data, flatten(expectedGroups(full, 3, 2, 2)), full, `strict groups offset q${qi}`);
      // groupSize 1 (the default): the best hit of each of the best `limit` groups.
      const one = await search(c, flat, { data: [q], limit: 8, groupingField: 'bucket' });
      expectExact(one.data, flatten(expectedGroups(full, 8, 1)), full, `groupSize 1 q${qi}`);

      // Without strictGroupSize groups may hold fewer hits, but they are the same groups in the
      // same order, each hit is among its group's best, and every hit ranked before the last
      // group's first hit is there (Milvus stops as soon as it has `limit` groups).
      const loose = await search(c, flat, { data: [q], limit: 5, groupingField: 'bucket', groupSize: 2 });
      const gotGroups: Hit[][] = [];
      for (const h of loose.data) {
        const last = gotGroups[gotGroups.length - 1];
        if (last && BUCKET.get(last[0]!.id) === BUCKET.get(h.id)) last.push(h);
        else gotGroups.push([h]);
      }
      expect(gotGroups.map((g) => BUCKET.get(g[0]!.id))).toEqual(want.map((g) => BUCKET.get(g[0]!.id)));
      const lastStart = full.findIndex((s) => s.id === want[4]![0]!.id);
      gotGroups.forEach((g, gi) => {
        expect(g.length).toBeLessThanOrEqual(2);
        expectExact(g, want[gi]!.slice(0, g.length), full, `loose group ${gi} q${qi}`);
        const needed = want[gi]!.filter((s) => full.findIndex((f) => f.id === s.id) <= lastStart);
        expect(g.length).toBeGreaterThanOrEqual(needed.length);
      });
    }
  });

  it('grouping with a filter and several query vectors', async () => {
    const res = await search(c, flat, { data: QUERIES.slice(0, 2), limit: 4, groupingField: 'bucket', groupSize: 3, strictGroupSize: true, filter: 'bucket >= 90' });
    const per = splitByTopks(res.data, res.topks, 2);
    per.forEach((hits, qi) => {
      const full = brute(metric, ROWS.filter((x) => x.bucket >= 90), QUERIES[qi]!);
      const want = expectedGroups(full, 4, 3).flat();
      expectExact(hits, want, full, `filtered groups q${qi}`);
      for (const h of hits) expect(BUCKET.get(h.id)!).toBeGreaterThanOrEqual(90);
    });
  });
});
