import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.js';
import type { QuiverClient } from '../proxy/client.js';
import { expectQuiverError } from './harness.js';
import { before, bruteAll, closeTo, distance, gauss, inWindow, randomVectors, rng, type Metric, type Scored, type Vec } from './ground-truth.js';

// The search correctness suite every runtime runs unchanged (test/node/search-suite.test.ts,
// test/browser/search-suite.test.ts). Expected answers come from a brute-force scan written here,
// in plain loops over the rows each test inserted, never from the engine: vectors are rounded to
// float32 when generated (so what the engine stores is exactly what is scanned), distances are
// computed in float64, and Milvus's conventions hold: L2 is the squared distance (smaller is
// better), IP and COSINE are similarities (larger is better), COSINE normalizes both sides.

/** What a search-suite target's `open()` returns: a client on a fresh, empty database, and how to close and remove it. */
export interface SearchTarget {
  readonly client: QuiverClient;
  /** Closes the client and removes what the database left behind (temp folder, IndexedDB, OPFS). */
  close(): Promise<void>;
}


interface Row {
  readonly id: number;
  readonly bucket: number;
  readonly v: Vec;
}

/** A search hit as the API returns it. */
export interface SearchHit {
  readonly id: number;
  readonly distance: number;
  readonly [field: string]: unknown;
}

interface SearchResult {
  readonly data: SearchHit[];
  readonly topks?: number[];
}

// ---- ground truth ---------------------------------------------------------------------------

/**
 * A clustered set like real embeddings: points around `clusters` gaussian centres, with noise
 * that decays over the dimensions (low intrinsic dimension); queries drawn the same way, not in
 * the set. Float32-exact.
 */
function clusteredSet(r: () => number, n: number, nq: number, dim: number, clusters: number): { data: Vec[]; queries: Vec[] } {
  const centres = Array.from({ length: clusters }, () => Array.from({ length: dim }, () => gauss(r)));
  const point = (): Vec => {
    const c = centres[Math.floor(r() * clusters)]!;
    return c.map((x, d) => Math.fround(x + (0.5 * gauss(r)) / Math.sqrt(1 + d)));
  };
  return { data: Array.from({ length: n }, point), queries: Array.from({ length: nq }, point) };
}

/**
 * Asserts that `got` is exactly `want` (a slice of `full`, best first): same length, distances
 * within 1e-4 relative, no id twice, and the same ids position by position — except where the
 * exact ranking has near-ties (closer than float32 tells apart): then any id of the tie passes.
 */
export function expectExact(got: readonly SearchHit[], want: readonly Scored[], full: readonly Scored[], label = ''): void {
  expect(got.length, `${label}: number of hits`).toBe(want.length);
  const seen = new Set<number>();
  got.forEach((h, i) => {
    const w = want[i]!;
    expect(closeTo(h.distance, w.d), `${label}: hit ${i} (id ${h.id}) distance ${h.distance}, want ${w.d}`).toBe(true);
    expect(seen.has(h.id), `${label}: id ${h.id} twice`).toBe(false);
    seen.add(h.id);
    if (h.id !== w.id) {
      const tie = full.filter((s) => Math.abs(s.d - w.d) <= 1e-6 * Math.max(1, Math.abs(w.d))).map((s) => s.id);
      expect(tie, `${label}: hit ${i} is id ${h.id}, want ${w.id} (d=${w.d})`).toContain(h.id);
    }
  });
}

/** Splits a multi-vector answer by its `topks` (one vector: the whole `data`). */
function perQuery(res: SearchResult, nq: number, label: string): SearchHit[][] {
  if (res.topks === undefined) {
    expect(nq, `${label}: topks of a ${nq}-vector search`).toBe(1);
    return [res.data];
  }
  expect(res.topks.length, `${label}: topks`).toBe(nq);
  expect(res.topks.reduce((a, b) => a + b, 0), `${label}: sum of topks`).toBe(res.data.length);
  const out: SearchHit[][] = [];
  let at = 0;
  for (const k of res.topks) {
    out.push(res.data.slice(at, at + k));
    at += k;
  }
  return out;
}

/** The rows a collection holds, as the test wrote them (insert, upsert and delete applied here). */
class Truth {
  readonly #rows = new Map<number, Row & { readonly partition: string }>();

  put(rows: readonly Row[], partition = '_default'): void {
    for (const r of rows) this.#rows.set(r.id, { ...r, partition });
  }

  remove(ids: Iterable<number>): void {
    for (const id of ids) this.#rows.delete(id);
  }

  get(id: number): Row | undefined {
    return this.#rows.get(id);
  }

  /** Live rows, optionally of some partitions only. */
  rows(partitions?: readonly string[]): Row[] {
    const all = [...this.#rows.values()];
    return partitions ? all.filter((r) => partitions.includes(r.partition)) : all;
  }
}

// ---- the suite ------------------------------------------------------------------------------

const METRICS: readonly Metric[] = ['L2', 'IP', 'COSINE'];

/** Exact collections: 3 sealed segments of 400 rows, then 300 growing rows; 16-d. */
const DIM = 16;
const SEALED_BATCH = 400;
const SEALED_BATCHES = 3;
const GROWING = 300;

/** HNSW collection: 2 sealed segments of 1500 clustered rows + 200 growing; 32-d; 30 queries. */
const H_DIM = 32;
const H_SEALED = 1500;
const H_GROWING = 200;
const H_NQ = 30;
const MIN_RECALL = 0.95;

function schema(dim: number): Record<string, unknown> {
  return {
    fields: [
      { fieldName: 'id', dataType: 'Int64', isPrimary: true },
      { fieldName: 'bucket', dataType: 'Int64' },
      { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim } },
    ],
  };
}

/**
 * Registers the search correctness suite for one runtime: `open` gives a client on a fresh empty
 * database (one for the whole suite) and a `close` that also removes it. Covers exact search
 * (index type FLAT, L2 / IP / COSINE) over several sealed segments plus a growing one — several
 * query vectors, limit + offset, filters, range search, deletes and upserts after flush, release +
 * load, compaction — exact ties (duplicate vectors), search within partitions, and HNSW recall
 * at ef 64 on a clustered set. Answers must not change with where a segment is searched (just
 * after a flush and once idle, before release and after load).
 */
export function searchSuite(name: string, open: () => Promise<SearchTarget>): void {
  describe(`search correctness: ${name}`, () => {
    // One database for the whole suite, each group of tests in its own collections: opening one
    // starts its workers (index worker, QueryNode pool), which is most of a browser target's time.
    let target: SearchTarget | undefined;
    beforeAll(async () => {
      target = await open();
    });
    afterAll(async () => {
      await target?.close();
      target = undefined;
    });
    const client = (): QuiverClient => {
      if (!target) throw new Error('search suite: client used outside its tests');
      return target.client;
    };

    const search = async (c: QuiverClient, collectionName: string, body: Record<string, unknown>): Promise<SearchResult> =>
      (await c.search({ collectionName, annsField: 'v', ...body })) as unknown as SearchResult;

    describe.each(METRICS)('FLAT, %s: several sealed segments + a growing one', (metric) => {
      const coll = `flat_${metric.toLowerCase()}`;
      const r = rng(METRICS.indexOf(metric) * 1000 + 17);
      const n = SEALED_BATCH * SEALED_BATCHES + GROWING;
      const initial: Row[] = randomVectors(r, n, DIM).map((v, i) => ({ id: i * 3 + 1, bucket: Math.floor(r() * 100), v }));
      const sealedIds = initial.slice(0, SEALED_BATCH * SEALED_BATCHES).map((x) => x.id);
      const growingIds = initial.slice(SEALED_BATCH * SEALED_BATCHES).map((x) => x.id);
      const Q = randomVectors(r, 4, DIM);
      const truth = new Truth();

      beforeAll(async () => {
        const c = client();
        await c.createCollection({ collectionName: coll, schema: schema(DIM), indexParams: [{ fieldName: 'v', indexName: 'v', metricType: metric, indexType: 'FLAT' }] });
        for (let b = 0; b < SEALED_BATCHES; b++) {
          const rows = initial.slice(b * SEALED_BATCH, (b + 1) * SEALED_BATCH);
          await c.insert({ collectionName: coll, data: rows });
          truth.put(rows);
          await c.flush({ collectionName: coll });
        }
        const rows = initial.slice(SEALED_BATCH * SEALED_BATCHES);
        await c.insert({ collectionName: coll, data: rows });
        truth.put(rows);
      });

      /** Every exact check of one state of the collection; returns the answers, to compare states. */
      async function checkExact(label: string): Promise<SearchResult[]> {
        const c = client();
        const rows = truth.rows();
        // Several query vectors: topks, each query's top 10 exact, with output fields.
        const multi = await search(c, coll, { data: Q.slice(0, 3), limit: 10, outputFields: ['bucket'] });
        expect(multi.topks, `${label}: topks`).toEqual([10, 10, 10]);
        perQuery(multi, 3, label).forEach((hits, qi) => {
          const full = bruteAll(metric, rows, Q[qi]!);
          expectExact(hits, full.slice(0, 10), full, `${label} q${qi}`);
          for (const h of hits) expect(h.bucket, `${label}: bucket of ${h.id}`).toBe(truth.get(h.id)?.bucket);
        });
        // limit + offset: a window of the exact ranking.
        const full3 = bruteAll(metric, rows, Q[3]!);
        const page = await search(c, coll, { data: [Q[3]], limit: 7, offset: 5 });
        expectExact(perQuery(page, 1, label)[0]!, full3.slice(5, 12), full3, `${label} limit 7 offset 5`);
        // A filter with matches, with offset, for two query vectors.
        const low = rows.filter((x) => x.bucket < 10);
        expect(low.length, 'rows with bucket < 10').toBeGreaterThan(40);
        const filtered = await search(c, coll, { data: [Q[0], Q[1]], limit: 15, offset: 2, filter: 'bucket < 10', outputFields: ['bucket'] });
        perQuery(filtered, 2, label).forEach((hits, qi) => {
          const full = bruteAll(metric, low, Q[qi]!);
          expectExact(hits, full.slice(2, 17), full, `${label} filter q${qi}`);
          for (const h of hits) expect(h.bucket as number, `${label}: filtered bucket of ${h.id}`).toBeLessThan(10);
        });
        // Fewer matches than the limit: every match, in order.
        const few = rows.filter((x) => x.bucket < 2);
        expect(few.length).toBeGreaterThan(5);
        expect(few.length).toBeLessThan(100);
        const fullFew = bruteAll(metric, few, Q[2]!);
        const all = await search(c, coll, { data: [Q[2]], limit: 100, filter: 'bucket < 2' });
        expectExact(perQuery(all, 1, label)[0]!, fullFew, fullFew, `${label} filter bucket < 2`);
        // A filter no row matches.
        const none = await search(c, coll, { data: [Q[0]], limit: 10, filter: 'bucket < 0' });
        expect(none.data, `${label}: filter without a match`).toEqual([]);
        return [multi, page, filtered, all];
      }

      it('equals the brute force: several query vectors, limit + offset, filters with and without a match', async () => {
        // Just after the last flush (a segment may still be served by the coordinator), then once
        // every segment is where it is served (a QueryNode, when the runtime has them): the same.
        const justFlushed = await checkExact('sealed x3 + growing, just flushed');
        await client().waitForIdle();
        expect(await checkExact('sealed x3 + growing, idle'), 'answers just after the flush and once idle').toEqual(justFlushed);
        // A search for several vectors no row matches answers an empty list for each.
        const none = await search(client(), coll, { data: [Q[0], Q[1]], limit: 10, filter: 'bucket < 0' });
        expect(none.data).toEqual([]);
        expect(none.topks).toEqual([0, 0]);
      });

      it('range search returns exactly the rows in the radius / range_filter window', async () => {
        const c = client();
        const rows = truth.rows();
        for (const [qi, q] of Q.slice(0, 2).entries()) {
          const full = bruteAll(metric, rows, q);
          // Windows of ranks from..to-1: the `from` best rows lie beyond range_filter.
          for (const [from, to] of [[10, 40], [300, 330]] as const) {
            const label = `range q${qi} ranks ${from}..${to}`;
            const rangeFilter = (full[from - 1]!.d + full[from]!.d) / 2;
            const radius = (full[to - 1]!.d + full[to]!.d) / 2;
            const want = full.filter((s) => inWindow(metric, s.d, radius, rangeFilter));
            expect(want.map((s) => s.id), `${label}: the window`).toEqual(full.slice(from, to).map((s) => s.id));
            const params = { radius, range_filter: rangeFilter };
            const res = await search(c, coll, { data: [q], limit: 100, searchParams: { metricType: metric, params } });
            for (const h of res.data) expect(inWindow(metric, h.distance, radius, rangeFilter), `${label}: ${h.distance} outside the window`).toBe(true);
            expectExact(res.data, want, full, `${label} limit 100`);
            const win = await search(c, coll, { data: [q], limit: 10, offset: 5, searchParams: { params } });
            expectExact(win.data, want.slice(5, 15), full, `${label} limit 10 offset 5`);
            const wantF = want.filter((s) => truth.get(s.id)!.bucket < 50);
            const filtered = await search(c, coll, { data: [q], limit: 100, filter: 'bucket < 50', searchParams: { params } });
            expectExact(filtered.data, wantF, full, `${label} + filter`);
          }
        }
      });

      it('deletes and upserts after flush: deleted rows never returned, upserted rows found with their new value', async () => {
        const c = client();
        const pick = rng(METRICS.indexOf(metric) + 501);
        const anyOf = (ids: readonly number[]): number => ids[Math.floor(pick() * ids.length)]!;
        // Deleted: the 3 best rows of every query (mostly sealed) and random sealed and growing rows.
        const deleted = new Set<number>();
        for (const q of Q) for (const s of bruteAll(metric, truth.rows(), q).slice(0, 3)) deleted.add(s.id);
        while (deleted.size < 40) deleted.add(anyOf(sealedIds));
        for (let i = 0; i < 5; i++) deleted.add(anyOf(growingIds));
        await c.delete({ collectionName: coll, filter: `id in [${[...deleted].join(', ')}]` });
        truth.remove(deleted);
        // Upserted: random live rows of both kinds get new vectors and buckets; one sealed row per
        // query moves right next to it (its new best hit).
        const moved: Row[] = [];
        const upserted = new Map<number, Row>();
        for (const q of Q) {
          let id = anyOf(sealedIds);
          while (deleted.has(id) || upserted.has(id)) id = anyOf(sealedIds);
          // Next to q (IP: 3q, which no random row comes near in inner product).
          const scale = metric === 'IP' ? 3 : 1;
          const row = { id, bucket: Math.floor(pick() * 100), v: q.map((x) => Math.fround(scale * x + 0.01 * gauss(pick))) };
          moved.push(row);
          upserted.set(id, row);
        }
        for (const [ids, count] of [[sealedIds, 20], [growingIds, 5]] as const) {
          for (let i = 0; i < count; i++) {
            const id = anyOf(ids);
            if (deleted.has(id) || upserted.has(id)) continue;
            upserted.set(id, { id, bucket: Math.floor(pick() * 100), v: randomVectors(pick, 1, DIM)[0]! });
          }
        }
        await c.upsert({ collectionName: coll, data: [...upserted.values()] });
        truth.put([...upserted.values()]);
        Q.forEach((q, qi) => expect(bruteAll(metric, truth.rows(), q)[0]!.id, `the moved row is q${qi}'s best`).toBe(moved[qi]!.id));

        const checkChanges = async (label: string): Promise<void> => {
          const res = await search(c, coll, { data: Q, limit: 20, outputFields: ['bucket', 'v'] });
          perQuery(res, Q.length, label).forEach((hits, qi) => {
            for (const h of hits) expect(deleted.has(h.id), `${label}: deleted id ${h.id} returned`).toBe(false);
            const best = hits[0]!;
            const row = moved[qi]!;
            expect(best.id, `${label} q${qi}: the upserted row is the best hit`).toBe(row.id);
            expect(closeTo(best.distance, distance(metric, row.v, Q[qi]!)), `${label} q${qi}: distance of the upserted row`).toBe(true);
            expect(best.bucket, `${label}: new bucket`).toBe(row.bucket);
            expect(best.v, `${label}: new vector`).toEqual(row.v);
            for (const h of hits) expect(h.v, `${label}: vector of ${h.id}`).toEqual(truth.get(h.id)!.v);
          });
        };
        await checkChanges('after delete + upsert');
        const growingState = await checkExact('deletes + upserts in growing segments');
        await c.flush({ collectionName: coll });
        // A freshly flushed segment may still be served by the coordinator, not a QueryNode yet.
        const justFlushed = await checkExact('deletes + upserts just flushed');
        await checkChanges('just flushed');
        await c.waitForIdle();
        const idle = await checkExact('deletes + upserts flushed, idle');
        await checkChanges('flushed, idle');
        // Where a segment is searched changes nothing in the answers.
        expect(justFlushed, 'answers just after the flush and once idle').toEqual(idle);
        expect(growingState, 'answers before and after the flush').toEqual(idle);
        // More growing rows, kept through release + load and compaction.
        const extra = randomVectors(pick, 100, DIM).map((v, i) => ({ id: 100_000 + i, bucket: Math.floor(pick() * 100), v }));
        await c.insert({ collectionName: coll, data: extra });
        truth.put(extra);
        await checkExact('more growing rows');
      });

      it('release + load: search refused while released, then exact again', async () => {
        const c = client();
        const beforeRelease = await checkExact('before release');
        await c.releaseCollection({ collectionName: coll });
        await expectQuiverError(search(c, coll, { data: [Q[0]], limit: 5 }), ErrorCode.CollectionNotLoaded);
        await c.loadCollection({ collectionName: coll });
        expect(await checkExact('after release + load'), 'answers before release and after load').toEqual(beforeRelease);
      });

      it('compaction: exact after compact + waitForIdle, and after more deletes', async () => {
        const c = client();
        const beforeCompaction = await checkExact('before compaction');
        await c.compact({ collectionName: coll });
        await c.waitForIdle();
        expect(await checkExact('after compaction'), 'answers before and after compaction').toEqual(beforeCompaction);
        // Deletes applied to the compacted segments.
        const gone = new Set(bruteAll(metric, truth.rows(), Q[1]!).slice(0, 5).map((s) => s.id));
        await c.delete({ collectionName: coll, ids: [...gone] });
        truth.remove(gone);
        await checkExact('compacted, then deletes');
        await c.flush({ collectionName: coll });
        await c.waitForIdle();
        await checkExact('compacted, deletes flushed');
      });
    });

    describe('exact ties (FLAT, L2): duplicate vectors across sealed and growing segments', () => {
      const coll = 'ties';
      const r = rng(77);
      // 40 distinct vectors, each stored 8 times: 2 copies in each of 3 sealed segments and 2 growing.
      const base = randomVectors(r, 40, 8);
      const rows: Row[] = Array.from({ length: 320 }, (_, i) => ({ id: i + 1, bucket: i % 10, v: base[i % 40]! }));
      const Q = base.slice(0, 3).map((b) => b.map((x) => Math.fround(x + 0.05 * gauss(r))));

      beforeAll(async () => {
        const c = client();
        await c.createCollection({ collectionName: coll, schema: schema(8), indexParams: [{ fieldName: 'v', indexName: 'v', metricType: 'L2', indexType: 'FLAT' }] });
        for (let b = 0; b < 4; b++) {
          await c.insert({ collectionName: coll, data: rows.slice(b * 80, (b + 1) * 80) });
          if (b < 3) await c.flush({ collectionName: coll });
        }
      });

      /** limit 12 cuts through the second tie group (8 copies of the best vector, 4 of the next). */
      async function answers(label: string): Promise<SearchResult[]> {
        const out: SearchResult[] = [];
        for (const body of [{ limit: 12 }, { limit: 5, offset: 6 }, { limit: 12, filter: 'bucket < 5' }]) {
          const res = await search(client(), coll, { data: Q, ...body });
          const eligible = body.filter ? rows.filter((x) => x.bucket < 5) : rows;
          perQuery(res, Q.length, label).forEach((hits, qi) => {
            const full = bruteAll('L2', eligible, Q[qi]!);
            const from = body.offset ?? 0;
            expectExact(hits, full.slice(from, from + body.limit), full, `${label} ${JSON.stringify(body)} q${qi}`);
          });
          out.push(res);
        }
        return out;
      }

      it('tied rows are ranked by distance, and in the same order wherever segments are served', async () => {
        const justFlushed = await answers('ties, just flushed');
        await client().waitForIdle();
        expect(await answers('ties, idle'), 'answers just after the flush and once idle').toEqual(justFlushed);
      });
    });

    describe('partitions (IP, FLAT): partitionNames limits the search to their rows', () => {
      const coll = 'parts';
      const partitions = ['_default', 'p1', 'p2'] as const;
      const r = rng(4242);
      const initial: Row[] = randomVectors(r, 900, DIM).map((v, i) => ({ id: i + 1, bucket: Math.floor(r() * 100), v }));
      const Q = randomVectors(r, 2, DIM);
      const truth = new Truth();

      beforeAll(async () => {
        const c = client();
        await c.createCollection({ collectionName: coll, schema: schema(DIM), indexParams: [{ fieldName: 'v', indexName: 'v', metricType: 'IP', indexType: 'FLAT' }] });
        await c.createPartition({ collectionName: coll, partitionName: 'p1' });
        await c.createPartition({ collectionName: coll, partitionName: 'p2' });
        // 600 rows flushed (sealed segments in every partition), then 300 growing.
        for (const [from, to] of [[0, 600], [600, 900]] as const) {
          for (const [pi, p] of partitions.entries()) {
            const rows = initial.slice(from, to).filter((_, i) => (from + i) % 3 === pi);
            await c.insert({ collectionName: coll, partitionName: p, data: rows });
            truth.put(rows, p);
          }
          if (from === 0) await c.flush({ collectionName: coll });
        }
      });

      async function checkPartitions(label: string): Promise<void> {
        const c = client();
        for (const names of [['p1'], ['p1', 'p2'], ['_default'], ['_default', 'p2'], undefined]) {
          const rows = truth.rows(names);
          const res = await search(c, coll, { data: Q, limit: 10, ...(names ? { partitionNames: names } : {}) });
          perQuery(res, 2, label).forEach((hits, qi) => {
            const full = bruteAll('IP', rows, Q[qi]!);
            expectExact(hits, full.slice(0, 10), full, `${label} ${names?.join('+') ?? 'all'} q${qi}`);
          });
        }
        // With a filter and an offset.
        const rows = truth.rows(['p2']).filter((x) => x.bucket < 10);
        const full = bruteAll('IP', rows, Q[0]!);
        const res = await search(c, coll, { data: [Q[0]], limit: 5, offset: 3, partitionNames: ['p2'], filter: 'bucket < 10' });
        expectExact(res.data, full.slice(3, 8), full, `${label} p2 + filter`);
      }

      it('equals the brute force over the named partitions (sealed + growing)', async () => {
        await checkPartitions('partitions');
        await expectQuiverError(search(client(), coll, { data: [Q[0]], partitionNames: ['nope'] }), ErrorCode.PartitionNotFound, 'nope');
      });

      it('after deletes in one partition, flush and waitForIdle', async () => {
        const c = client();
        const gone = bruteAll('IP', truth.rows(['p1']), Q[0]!).slice(0, 10).map((s) => s.id);
        await c.delete({ collectionName: coll, ids: gone });
        truth.remove(gone);
        await checkPartitions('after deletes');
        await c.flush({ collectionName: coll });
        await c.waitForIdle();
        await checkPartitions('after deletes, flushed');
      });
    });

    describe('HNSW (M 16, efConstruction 200): recall@10 on a clustered set', () => {
      const r = rng(2024);
      const { data, queries } = clusteredSet(r, 2 * H_SEALED + H_GROWING, H_NQ, H_DIM, 30);
      const rows: Row[] = data.map((v, i) => ({ id: i, bucket: Math.floor(r() * 100), v }));

      /** Runs every query (10 per request) at ef 64; each query's hits. */
      async function searchAll(coll: string, body: Record<string, unknown>): Promise<SearchHit[][]> {
        const out: SearchHit[][] = [];
        for (let i = 0; i < H_NQ; i += 10) {
          const res = await search(client(), coll, { data: queries.slice(i, i + 10), limit: 10, searchParams: { params: { ef: 64 } }, outputFields: ['bucket'], ...body });
          out.push(...perQuery(res, 10, coll));
        }
        return out;
      }

      /** Mean recall@10 against the brute force over `eligible`; every hit must be eligible, with its true distance, best first. */
      function recall(metric: Metric, eligible: readonly Row[], got: SearchHit[][], label: string): number {
        const byId = new Map(eligible.map((x) => [x.id, x]));
        let sum = 0;
        got.forEach((hits, qi) => {
          const q = queries[qi]!;
          expect(hits.length, `${label} q${qi}: hits`).toBe(10);
          hits.forEach((h, i) => {
            const row = byId.get(h.id);
            expect(row, `${label} q${qi}: id ${h.id} is not an eligible row`).toBeDefined();
            expect(h.bucket, `${label}: bucket of ${h.id}`).toBe(row!.bucket);
            expect(closeTo(h.distance, distance(metric, row!.v, q)), `${label} q${qi}: distance of ${h.id}`).toBe(true);
            if (i > 0) expect(before(metric, hits[i - 1]!.distance, h.distance) || hits[i - 1]!.distance === h.distance, `${label} q${qi}: order at ${i}`).toBe(true);
          });
          const truth = new Set(bruteAll(metric, eligible, q).slice(0, 10).map((s) => s.id));
          sum += hits.filter((h) => truth.has(h.id)).length / 10;
        });
        return sum / got.length;
      }

      describe.each(['L2', 'COSINE'] as const)('%s', (metric) => {
        const coll = `hnsw_${metric.toLowerCase()}`;

        beforeAll(async () => {
          const c = client();
          await c.createCollection({
            collectionName: coll,
            schema: schema(H_DIM),
            indexParams: [{ fieldName: 'v', indexName: 'v', metricType: metric, indexType: 'HNSW', params: { M: 16, efConstruction: 200 } }],
          });
          // Two sealed segments (each indexed), then growing rows (scanned exactly).
          for (let b = 0; b < 2; b++) {
            await c.insert({ collectionName: coll, data: rows.slice(b * H_SEALED, (b + 1) * H_SEALED) });
            await c.flush({ collectionName: coll });
          }
          await c.insert({ collectionName: coll, data: rows.slice(2 * H_SEALED) });
          await c.waitForIdle();
        });

        it('both sealed segments indexed; recall@10 >= 0.95 at ef 64, unfiltered and with a 10 % filter', async () => {
          const ix = (await client().describeIndex({ collectionName: coll, indexName: 'v' })).data[0] as Record<string, unknown>;
          expect(ix.indexType).toBe('HNSW');
          expect(ix.indexState).toBe('Finished');
          expect(ix.indexedRows).toBe(2 * H_SEALED);
          const all = recall(metric, rows, await searchAll(coll, {}), `${metric} unfiltered`);
          expect(all, `${metric} recall@10`).toBeGreaterThanOrEqual(MIN_RECALL);
          const low = rows.filter((x) => x.bucket < 10);
          const filtered = recall(metric, low, await searchAll(coll, { filter: 'bucket < 10' }), `${metric} bucket < 10`);
          expect(filtered, `${metric} filtered recall@10`).toBeGreaterThanOrEqual(MIN_RECALL);
        });

        it('after deletes, and after release + load (indexes read back from storage): same answers', async () => {
          const c = client();
          // Deleted: the best row of every query, in the indexed segments or the growing one.
          const gone = new Set(queries.map((q) => bruteAll(metric, rows, q)[0]!.id));
          await c.delete({ collectionName: coll, ids: [...gone] });
          const live = rows.filter((x) => !gone.has(x.id));
          const got = await searchAll(coll, {});
          for (const hits of got) for (const h of hits) expect(gone.has(h.id), `deleted id ${h.id} returned`).toBe(false);
          expect(recall(metric, live, got, `${metric} after deletes`)).toBeGreaterThanOrEqual(MIN_RECALL);
          await c.releaseCollection({ collectionName: coll });
          await c.loadCollection({ collectionName: coll });
          const again = await searchAll(coll, {});
          expect(recall(metric, live, again, `${metric} after release + load`)).toBeGreaterThanOrEqual(MIN_RECALL);
          expect(again.map((hits) => hits.map((h) => h.id)), 'ids before release and after load').toEqual(got.map((hits) => hits.map((h) => h.id)));
        });
      });
    });
  });
}
