import { expect, it } from 'vitest';
import type { BrowserClient, QueryWorkerOptions } from '@quiver/browser';
import { bruteL2, parkMillerVectors } from '../shared/pool-data.js';
import { useDatabases } from './helpers.js';

// The QueryNode worker pool (issue 5): QueryCoord spreads sealed segments over module Web
// Workers that load their files from OPFS themselves; a search runs in all of them in parallel
// and the page merges. Workers that die, hang or stop sending heartbeats are replaced, their
// segments reloaded, and a search in flight is retried once — or fails with ServiceUnavailable
// (2), never hangs. Every search result is checked against a brute-force scan written here.
const db = useDatabases();
const DIM = 16;
const SEGMENTS = 4;
const PER_SEGMENT = 500;
const GROWING = 200;
const K = 10;

const N = SEGMENTS * PER_SEGMENT + GROWING;
const data = parkMillerVectors(N, DIM, 11);
const queries = parkMillerVectors(6, DIM, 5);
const bucket = (id: number): number => (id * 7919) % 100;

const brute = (q: number[], alive: (id: number) => boolean): number[] => bruteL2(data, q, K, alive);

/** A FLAT (exact) collection over `data`: SEGMENTS sealed segments and a growing one. */
async function fill(c: BrowserClient): Promise<void> {
  await c.createCollection({
    collectionName: 'v',
    schema: {
      fields: [
        { fieldName: 'id', dataType: 'Int64', isPrimary: true },
        { fieldName: 'bucket', dataType: 'Int32' },
        { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim: DIM } },
      ],
    },
    indexParams: [{ fieldName: 'vec', metricType: 'L2', indexType: 'FLAT' }],
  });
  for (let s = 0; s <= SEGMENTS; s++) {
    const from = s * PER_SEGMENT;
    const to = Math.min(N, from + (s < SEGMENTS ? PER_SEGMENT : GROWING));
    await c.insert({ collectionName: 'v', data: data.slice(from, to).map((vec, k) => ({ id: from + k, bucket: bucket(from + k), vec })) });
    if (s < SEGMENTS) await c.flush({ collectionName: 'v' });
  }
  await c.waitForIdle();
}

async function searchIds(c: BrowserClient, extra: Record<string, unknown> = {}): Promise<number[][]> {
  const res = (await c.search({ collectionName: 'v', data: queries, annsField: 'vec', limit: K, ...extra })) as { data: Array<{ id: number }>; topks?: number[] };
  const out: number[][] = [];
  let at = 0;
  for (const n of res.topks ?? [res.data.length]) {
    out.push(res.data.slice(at, at + n).map((h) => Number(h.id)));
    at += n;
  }
  return out;
}

/** Pool options that count spawned workers, keep them, and use the test worker for those `name(i)` names. */
function watched(name: (i: number) => string | undefined, extra: Partial<QueryWorkerOptions> = {}, onSearch?: (w: Worker, i: number) => void): { options: QueryWorkerOptions; workers: Worker[] } {
  const workers: Worker[] = [];
  return {
    workers,
    options: {
      count: 2,
      ...extra,
      spawn: () => {
        const i = workers.length;
        const w = new Worker(new URL('./workers/querynode-announce.ts', import.meta.url), { type: 'module', name: name(i) ?? `qn-${i}` });
        w.addEventListener('message', (e: MessageEvent<{ quiverTest?: string }>) => {
          if (e.data?.quiverTest === 'searching') onSearch?.(w, i);
        });
        workers.push(w);
        return w;
      },
    },
  };
}

const all = (): boolean => true;

it('spreads sealed segments over the workers; parallel searches equal brute force, with filters and deletes', async () => {
  const w = watched(() => undefined);
  const c = await db.open(db.uri(), { queryWorkers: w.options });
  await fill(c);
  const info = await c.queryNodes();
  expect(info.nodes).toEqual([
    { slot: 0, segments: 2, ready: 2, rows: 2 * PER_SEGMENT },
    { slot: 1, segments: 2, ready: 2, rows: 2 * PER_SEGMENT },
  ]);
  expect(info.failures).toEqual([]);
  // The page dropped the vectors the workers serve: they come back from OPFS only for output.
  expect(info.vectorsAway).toBe(SEGMENTS);
  expect(w.workers).toHaveLength(2);
  const withVec = (await c.search({ collectionName: 'v', data: [queries[0]!], annsField: 'vec', limit: K, outputFields: ['vec'] })).data as Array<{ id: number; vec: number[] }>;
  expect(withVec.map((h) => h.vec)).toEqual(brute(queries[0]!, all).map((id) => data[id]));
  const got = (await c.get({ collectionName: 'v', id: [1, 777, N - 1], outputFields: ['vec'] })).data as Array<{ id: number; vec: number[] }>;
  expect(got.map((r) => [Number(r.id), r.vec])).toEqual([1, 777, N - 1].map((id) => [id, data[id]]));
  expect((await c.queryNodes()).vectorsAway).toBe(SEGMENTS);
  expect(await searchIds(c)).toEqual(queries.map((q) => brute(q, all)));
  // Filters and the delete bitmap travel with the search as the allowed-row bitset.
  const dead = new Set([...Array(N).keys()].filter((id) => id % 5 === 0));
  await c.delete({ collectionName: 'v', filter: `id in [${[...dead].join(',')}]` });
  expect(await searchIds(c, { filter: 'bucket < 30' })).toEqual(queries.map((q) => brute(q, (id) => !dead.has(id) && bucket(id) < 30)));
  // Concurrent searches (the pool serves them in parallel) each get their own answer.
  const many = await Promise.all(queries.map((q) => c.search({ collectionName: 'v', data: [q], annsField: 'vec', limit: K })));
  expect(many.map((r) => (r.data as Array<{ id: number }>).map((h) => Number(h.id)))).toEqual(queries.map((q) => brute(q, (id) => !dead.has(id))));
  // Compaction reads the dropped vectors back from OPFS to rewrite the segments.
  await c.compact({ collectionName: 'v' });
  await c.waitForIdle();
  const queried = (await c.query({ collectionName: 'v', filter: 'id in [2, 1003, 2101]', outputFields: ['vec'] })).data as Array<{ id: number; vec: number[] }>;
  expect(queried.map((r) => [Number(r.id), r.vec]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([2, 1003, 2101].map((id) => [id, data[id]]));
  expect(await searchIds(c, { filter: 'bucket < 30' })).toEqual(queries.map((q) => brute(q, (id) => !dead.has(id) && bucket(id) < 30)));
  // After a reopen the segments are served by workers again (loaded from OPFS by them).
  const uri = db.uri();
  const c2 = await db.open(uri, { queryWorkers: 2 });
  await fill(c2);
  await c2.close();
  const c3 = await db.open(uri, { queryWorkers: 2 });
  // close() flushed the growing rows: five sealed segments now, all loaded by the two workers.
  const again = (await c3.queryNodes()).nodes;
  expect(again.map((n) => n.ready).reduce((a, b) => a + b)).toBe(SEGMENTS + 1);
  expect(again.every((n) => n.ready >= 2 && n.ready === n.segments)).toBe(true);
  expect(await searchIds(c3)).toEqual(queries.map((q) => brute(q, all)));
});

it('replaces a worker that dies, reloads its segments there, and searches stay exact', async () => {
  const w = watched(() => undefined);
  const c = await db.open(db.uri(), { queryWorkers: w.options });
  await fill(c);
  w.workers[0]!.terminate();
  // Searched at once: the dead worker's segments are served by the page until the new one loads them.
  expect(await searchIds(c)).toEqual(queries.map((q) => brute(q, all)));
  await c.waitForIdle();
  const info = await c.queryNodes();
  expect(info.nodes.map((n) => n.ready)).toEqual([2, 2]);
  expect(info.failures.map((f) => [f.slot, f.during])).toEqual([[0, 'crash']]);
  expect(w.workers).toHaveLength(3);
  expect(await searchIds(c)).toEqual(queries.map((q) => brute(q, all)));
});

it('retries a search in flight on the replacement of a worker that dies mid-search', async () => {
  let killed = 0;
  const w = watched(() => undefined, {}, (worker, i) => {
    if (i === 0 && killed++ === 0) worker.terminate();
  });
  const c = await db.open(db.uri(), { queryWorkers: w.options });
  await fill(c);
  expect(await searchIds(c)).toEqual(queries.map((q) => brute(q, all)));
  expect(killed).toBeGreaterThanOrEqual(1);
  const info = await c.queryNodes();
  expect(info.failures.length).toBeGreaterThanOrEqual(1);
  expect(info.failures[0]!.slot).toBe(0);
  expect(['crash', 'search']).toContain(info.failures[0]!.during);
  expect(w.workers.length).toBeGreaterThanOrEqual(3);
});

it('fails a search with ServiceUnavailable when a worker and its replacement never answer — and never hangs', async () => {
  const w = watched(() => 'hang-search', { count: 1, searchTimeoutMs: 300 });
  const c = await db.open(db.uri(), { queryWorkers: w.options });
  await fill(c);
  const started = performance.now();
  const err = await c.search({ collectionName: 'v', data: [queries[0]!], annsField: 'vec', limit: K }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ name: 'QuiverError', code: 2 });
  expect(String((err as Error).message)).toMatch(/search failed on QueryNode 0 .*no answer within 300 ms.* and again on its replacement/);
  expect(performance.now() - started).toBeLessThan(30_000);
  // The database itself is fine: queries do not go through the workers.
  const q = await c.query({ collectionName: 'v', filter: 'id < 3', outputFields: ['id'] });
  expect((q.data as Array<{ id: number }>).map((r) => Number(r.id)).sort()).toEqual([0, 1, 2]);
});

it('replaces a worker that stops answering heartbeats', async () => {
  const w = watched((i) => (i === 0 ? 'hang-beat' : undefined), { heartbeatMs: 100, heartbeatTimeoutMs: 200 });
  const c = await db.open(db.uri(), { queryWorkers: w.options });
  await fill(c);
  await expect.poll(async () => (await c.queryNodes()).failures.map((f) => f.during), { timeout: 10_000 }).toContain('heartbeat');
  await c.waitForIdle();
  const info = await c.queryNodes();
  expect(info.failures[0]).toMatchObject({ slot: 0, during: 'heartbeat' });
  expect(info.nodes.map((n) => n.ready)).toEqual([2, 2]);
  expect(await searchIds(c)).toEqual(queries.map((q) => brute(q, all)));
});
