import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, useTemp, type Client } from './helpers.js';
import { batches, bruteAll, close, distance, expectExact, randomVectors, recall, rng, splitByTopks, type Hit, type Metric, type Vec } from './search-brute.js';

// Search follows the latest state of the data (ARCHITECTURE.md §3.5, §4): growing + sealed
// segments, deletes (before and after flush), upserts that change vectors, partitions and
// compaction; and an indexed file:// collection reopens and searches from its stored index files
// without rebuilding them (§3.6, §5).

const DIM = 16;
type Res = { data: Hit[]; topks?: number[] };

interface Row {
  id: number;
  bucket: number;
  vec: Vec;
}

async function search(c: Client, name: string, body: Record<string, unknown>): Promise<Res> {
  return (await c.search({ collectionName: name, ...body })) as unknown as Res;
}

const SCHEMA = {
  fields: [
    { fieldName: 'id', dataType: 'Int64', isPrimary: true },
    { fieldName: 'bucket', dataType: 'Int64' },
    { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim: DIM } },
  ],
};

/** The expected latest state: id → row. */
class Model {
  readonly rows = new Map<number, Row>();
  put(rows: readonly Row[]): void {
    for (const x of rows) this.rows.set(x.id, x);
  }
  delete(ids: readonly number[]): void {
    for (const id of ids) this.rows.delete(id);
  }
  live(): Row[] {
    return [...this.rows.values()];
  }
}

describe('search reflects the latest state: growing + sealed, deletes, upserts', () => {
  const tmp = useTemp();

  it('FLAT is exact and HNSW finds the new versions through insert, flush, delete, upsert, compaction', async () => {
    const c = await tmp.open(undefined);
    await c.createCollection({ collectionName: 'exact', schema: SCHEMA, indexParams: [{ fieldName: 'vec', metricType: 'L2', params: { index_type: 'FLAT' } }] });
    await c.createCollection({ collectionName: 'ann', schema: SCHEMA, indexParams: [{ fieldName: 'vec', metricType: 'L2', params: { index_type: 'HNSW', M: 16, efConstruction: 100 } }] });
    const r = rng(11);
    const make = (ids: number[]): Row[] => ids.map((id) => ({ id, bucket: Math.floor(r() * 10), vec: randomVectors(r, 1, DIM)[0]! }));
    const queries = randomVectors(r, 12, DIM);
    const model = new Model();
    const both = async (fn: (name: string) => Promise<unknown>): Promise<void> => {
      await fn('exact');
      await fn('ann');
    };
    const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

    const check = async (label: string): Promise<void> => {
      const live = model.live();
      const byId = model.rows;
      for (const filter of ['', 'bucket in [2, 3]']) {
        const rows = filter ? live.filter((x) => x.bucket === 2 || x.bucket === 3) : live;
        const res = await search(c, 'exact', { data: queries, limit: 10, filter, outputFields: ['bucket'] });
        const per = splitByTopks(res.data, res.topks, queries.length);
        per.forEach((hits, qi) => {
          const full = bruteAll('L2', rows.map((x) => ({ id: x.id, v: x.vec })), queries[qi]!);
          expectExact(hits, full.slice(0, 10), full, `${label} FLAT ${filter} q${qi}`);
          for (const h of hits) expect(h.bucket).toBe(byId.get(h.id)!.bucket);
        });
        // ef 64: this set is isotropic 16-d noise (hard for HNSW); the point here is state, not recall.
        const ann = await search(c, 'ann', { data: queries, limit: 10, filter, outputFields: ['bucket'], searchParams: { params: { ef: 64 } } });
        let sum = 0;
        splitByTopks(ann.data, ann.topks, queries.length).forEach((hits, qi) => {
          // Every hit is a live row at its latest vector and bucket (no stale or deleted version).
          for (const h of hits) {
            const row = byId.get(h.id);
            expect(row, `${label} HNSW: id ${h.id} is deleted`).toBeDefined();
            expect(close(h.distance, distance('L2', row!.vec, queries[qi]!)), `${label} HNSW: distance of ${h.id} is not its latest vector's`).toBe(true);
            expect(h.bucket).toBe(row!.bucket);
          }
          expect(new Set(hits.map((h) => h.id)).size).toBe(hits.length);
          sum += recall(hits, bruteAll('L2', rows.map((x) => ({ id: x.id, v: x.vec })), queries[qi]!).slice(0, 10));
        });
        expect(sum / queries.length, `${label} HNSW recall ${filter}`).toBeGreaterThanOrEqual(0.95);
      }
    };

    // 3000 rows, flushed and indexed; 1500 more growing.
    const first = make(range(0, 3000));
    for (const b of batches(first, 1000)) await both((n) => c.insert({ collectionName: n, data: b }));
    model.put(first);
    await both((n) => c.flush({ collectionName: n }));
    await c.waitForIdle();
    const second = make(range(3000, 4500));
    for (const b of batches(second, 500)) await both((n) => c.insert({ collectionName: n, data: b }));
    model.put(second);
    await check('sealed + growing');

    // Deletes in the sealed and in the growing segment.
    const del1 = [...range(0, 3000).filter((i) => i % 7 === 0), ...range(3000, 4500).filter((i) => i % 11 === 0)];
    await both((n) => c.delete({ collectionName: n, ids: del1 }));
    model.delete(del1);
    await check('after deletes');

    // Upserts with new vectors: rows of the sealed segment, of the growing one, deleted ones
    // (they come back) and new ids. Some new vectors sit right on a query, so they must rank first.
    const upIds = [...range(0, 3000).filter((i) => i % 5 === 1), ...range(3000, 4500).filter((i) => i % 6 === 2), 7, 14, 3003, ...range(5000, 5050)];
    const up = make(upIds);
    up[0]!.vec = queries[0]!.slice();
    up[up.length - 1]!.vec = queries[1]!.map((x) => Math.fround(x + 0.001));
    for (const b of batches(up, 400)) await both((n) => c.upsert({ collectionName: n, data: b }));
    model.put(up);
    await check('after upserts');
    const top = await search(c, 'exact', { data: [queries[0]], limit: 1 });
    expect(top.data[0]!.id).toBe(up[0]!.id);
    expect(top.data[0]!.distance).toBe(0);

    // Flush: the new versions are sealed and indexed, the old ones stay dead.
    await both((n) => c.flush({ collectionName: n }));
    await c.waitForIdle();
    await check('after second flush');

    // Deletes and upserts after the flush, on sealed rows.
    const del2 = range(0, 4500).filter((i) => i % 13 === 5);
    await both((n) => c.delete({ collectionName: n, ids: del2 }));
    model.delete(del2);
    const up2 = make(range(100, 4500).filter((i) => i % 17 === 3));
    await both((n) => c.upsert({ collectionName: n, data: up2 }));
    model.put(up2);
    await check('deletes and upserts after flush');

    // Compaction rewrites the segments without the dead rows; the new segment gets its index.
    await both((n) => c.flush({ collectionName: n }));
    await both((n) => c.compact({ collectionName: n }));
    await c.waitForIdle();
    await check('after compaction');
    const ix = (await c.describeIndex({ collectionName: 'ann', indexName: 'vec' })).data[0] as Record<string, unknown>;
    expect(ix.indexState).toBe('Finished');
    expect(ix.totalRows).toBe(ix.indexedRows);
  });

  it('partitionNames restricts the search to those partitions', async () => {
    const c = await tmp.open(undefined);
    await c.createCollection({ collectionName: 'parts', schema: SCHEMA, indexParams: [{ fieldName: 'vec', metricType: 'IP', params: { index_type: 'FLAT' } }] });
    await c.createPartition({ collectionName: 'parts', partitionName: 'p1' });
    await c.createPartition({ collectionName: 'parts', partitionName: 'p2' });
    const r = rng(3);
    const rows = (from: number): Row[] => Array.from({ length: 400 }, (_, i) => ({ id: from + i, bucket: i % 10, vec: randomVectors(r, 1, DIM)[0]! }));
    const d0 = rows(0);
    const d1 = rows(1000);
    const d2 = rows(2000);
    await c.insert({ collectionName: 'parts', data: d0 });
    await c.insert({ collectionName: 'parts', partitionName: 'p1', data: d1 });
    await c.flush({ collectionName: 'parts' });
    await c.insert({ collectionName: 'parts', partitionName: 'p2', data: d2 });
    const q = randomVectors(r, 1, DIM)[0]!;
    const cases: Array<[string[] | undefined, Row[]]> = [
      [undefined, [...d0, ...d1, ...d2]],
      [['p1'], d1],
      [['p2'], d2],
      [['p1', 'p2'], [...d1, ...d2]],
      [['_default'], d0],
    ];
    for (const [partitionNames, expected] of cases) {
      const res = await search(c, 'parts', { data: [q], limit: 15, partitionNames });
      const full = bruteAll('IP' as Metric, expected.map((x) => ({ id: x.id, v: x.vec })), q);
      expectExact(res.data, full.slice(0, 15), full, `partitions ${String(partitionNames)}`);
    }
  });
});

describe('persistence of indexed collections (file storage)', () => {
  const tmp = useTemp();

  const qidx = (dir: string): string[] => filesUnder(join(dir, 'objects')).filter((p) => p.endsWith('.qidx'));
  const snapshot = (dir: string): Map<string, { bytes: Buffer; mtimeMs: number; ino: number }> =>
    new Map(
      qidx(dir).map((p) => {
        const f = join(dir, 'objects', p);
        const s = statSync(f);
        return [p, { bytes: readFileSync(f), mtimeMs: s.mtimeMs, ino: s.ino }];
      }),
    );

  it('reopens and searches from the stored index files, without rebuilding them; results identical', async () => {
    const dir = tmp.dir();
    const r = rng(21);
    const rows = randomVectors(r, 3000, DIM).map((v, i) => ({ id: i, bucket: i % 10, vector: v }));
    const queries = randomVectors(r, 5, DIM);
    let c = await tmp.open(dir);
    await c.createCollection({ collectionName: 'p', dimension: DIM, metricType: 'COSINE' });
    await c.createCollection({ collectionName: 'h', schema: { ...SCHEMA, fields: SCHEMA.fields }, indexParams: [{ fieldName: 'vec', metricType: 'IP', params: { index_type: 'HNSW', M: 8, efConstruction: 64 } }] });
    for (const b of batches(rows, 1000)) {
      await c.insert({ collectionName: 'p', data: b });
      await c.insert({ collectionName: 'h', data: b.map((x) => ({ id: x.id, bucket: x.bucket, vec: x.vector })) });
    }
    await c.flush({ collectionName: 'p' });
    await c.flush({ collectionName: 'h' });
    await c.waitForIdle();
    // Deleted after the flush: must stay deleted after reopen.
    await c.delete({ collectionName: 'p', ids: [1, 2, 3, 500, 2999] });
    const before = snapshot(dir);
    expect(before.size).toBe(2);
    for (const p of before.keys()) expect(p).toMatch(/\.qidx$/);

    const bodies: Array<[string, Record<string, unknown>]> = [
      ['p', { data: queries, limit: 10, outputFields: ['bucket'] }],
      ['p', { data: [queries[0]], limit: 20, filter: 'bucket == 4' }],
      ['p', { data: [queries[1]], limit: 5, offset: 7 }],
      ['h', { data: queries, limit: 10, searchParams: { params: { ef: 40 } } }],
    ];
    const run = async (cl: Client): Promise<Res[]> => {
      const out: Res[] = [];
      for (const [name, body] of bodies) out.push(await search(cl, name, body));
      return out;
    };
    const first = await run(c);
    for (const hit of first[0]!.data) expect([1, 2, 3, 500, 2999]).not.toContain(hit.id);
    // Sanity: the index answers well (recall against the brute force).
    const truth = bruteAll('COSINE', rows.filter((x) => ![1, 2, 3, 500, 2999].includes(x.id)).map((x) => ({ id: x.id, v: x.vector })), queries[0]!);
    expect(recall(splitByTopks(first[0]!.data, first[0]!.topks, 5)[0]!, truth.slice(0, 10))).toBeGreaterThanOrEqual(0.9);
    await c.close();

    c = await tmp.open(dir);
    for (const [name, ixName] of [['p', 'vector'], ['h', 'vec']]) {
      const ix = (await c.describeIndex({ collectionName: name, indexName: ixName })).data[0] as Record<string, unknown>;
      expect(ix.indexState).toBe('Finished');
      expect(ix.indexedRows).toBe(3000);
    }
    const second = await run(c);
    expect(second).toEqual(first);
    await c.waitForIdle();
    // The index files are the same files, untouched: nothing was rebuilt.
    const after = snapshot(dir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [p, s] of before) {
      const a = after.get(p)!;
      expect(a.mtimeMs, p).toBe(s.mtimeMs);
      expect(a.ino, p).toBe(s.ino);
      expect(a.bytes.equals(s.bytes), p).toBe(true);
    }

    // Rows added and left unflushed at close: reopen indexes only the new segment.
    await c.insert({ collectionName: 'p', data: rows.slice(0, 300).map((x) => ({ ...x, id: x.id + 10_000 })) });
    await c.close();
    c = await tmp.open(dir);
    await c.waitForIdle();
    const third = snapshot(dir);
    expect(third.size).toBe(3);
    for (const [p, s] of before) expect(third.get(p)!.mtimeMs, p).toBe(s.mtimeMs);
    const ix = (await c.describeIndex({ collectionName: 'p', indexName: 'vector' })).data[0] as Record<string, unknown>;
    expect(ix.indexState).toBe('Finished');
    expect(ix.indexedRows).toBe(3300);
    // The copies of rows 0..299 (ids + 10000) have the same vectors, so they tie with the originals.
    const res = await search(c, 'p', { data: [rows[42]!.vector], limit: 2 });
    expect(res.data.map((h) => h.id).sort((a, b) => a - b)).toEqual([42, 10_042]);
  });
});
