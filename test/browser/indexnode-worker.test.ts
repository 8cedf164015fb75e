import { expect, it } from 'vitest';
import { OpfsObjectStore, spawnIndexNodeWorker } from '@quiver/browser';
import type { IndexNodeFailure, IndexNodeWorkerOptions, QuiverClient } from '@quiver/browser';
import { useDatabases } from './helpers.js';

// Index builds in the IndexNode module worker (Comlink, OPFS with sync access handles inside the
// worker): the index files appear, describeIndex reports Finished, and searches over them match a
// brute-force scan written here (exact for FLAT, recall for HNSW). A worker terminated mid-build is
// replaced and the build retried in it; when the retry fails too, the build runs in-process.
const db = useDatabases();
const DIM = 32;
const N = 4000;
const K = 10;

/** Deterministic clustered vectors (Park–Miller), 25 loose clusters. */
function vectors(n: number, seed: number): number[][] {
  let s = seed;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: DIM }, (_, k) => {
      s = (s * 16807) % 2147483647;
      return (s / 2147483647) * 2 - 1 + (((i % 25) * (k + 3)) % 11) * 0.25;
    }),
  );
}

const data = vectors(N, 42);
const queries = vectors(20, 7);
const truth = queries.map(bruteL2);

function bruteL2(q: number[]): number[] {
  return data
    .map((v, id) => ({ id, d: v.reduce((acc, x, j) => acc + (x - q[j]!) ** 2, 0) }))
    .sort((a, b) => a.d - b.d)
    .slice(0, K)
    .map((h) => h.id);
}

async function fill(c: QuiverClient, name: string, indexType: 'FLAT' | 'HNSW'): Promise<void> {
  await c.createCollection({
    collectionName: name,
    schema: {
      fields: [
        { fieldName: 'id', dataType: 'Int64', isPrimary: true },
        { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim: DIM } },
      ],
    },
    indexParams: [{ fieldName: 'vec', metricType: 'L2', indexType, ...(indexType === 'HNSW' ? { params: { M: 16, efConstruction: 200 } } : {}) }],
  });
  for (let i = 0; i < N; i += 1000) await c.insert({ collectionName: name, data: data.slice(i, i + 1000).map((vec, k) => ({ id: i + k, vec })) });
  await c.flush({ collectionName: name });
  await c.waitForIdle();
}

async function searchIds(c: QuiverClient, name: string): Promise<number[][]> {
  const res = await c.search({ collectionName: name, data: queries, annsField: 'vec', limit: K, searchParams: { params: { ef: 128 } } });
  return queries.map((_, q) => res.data.slice(q * K, (q + 1) * K).map((h) => Number(h.id)));
}

async function indexState(c: QuiverClient, name: string): Promise<unknown> {
  return (await c.describeIndex({ collectionName: name, indexName: 'vec' })).data[0];
}

/** recall@K of HNSW searches against the brute-force truth. */
async function recall(c: QuiverClient, name: string): Promise<number> {
  const got = await searchIds(c, name);
  const found = got.reduce((n, ids, q) => n + ids.filter((id) => truth[q]!.includes(id)).length, 0);
  return found / (queries.length * K);
}

async function objectFiles(uri: string): Promise<string[]> {
  const s = await OpfsObjectStore.open(uri.slice('idb://'.length), { clearTmp: false });
  try {
    return await s.list('');
  } finally {
    await s.close();
  }
}

/** IndexNode options that count spawned workers and collect failures; `kill(i)` decides which workers die once they start a build. */
function watched(kill: (i: number) => boolean, extra: Partial<IndexNodeWorkerOptions> = {}, name = 'announce'): { options: IndexNodeWorkerOptions; spawned: () => number; failures: IndexNodeFailure[] } {
  let spawned = 0;
  const failures: IndexNodeFailure[] = [];
  return {
    spawned: () => spawned,
    failures,
    options: {
      ...extra,
      onFailure: (f) => failures.push(f),
      spawn: () => {
        const i = spawned++;
        const w = new Worker(new URL('./workers/indexnode-announce.ts', import.meta.url), { type: 'module', name });
        w.addEventListener('message', (e: MessageEvent<{ quiverTest?: string }>) => {
          if (e.data?.quiverTest === 'building' && kill(i)) w.terminate();
        });
        return w;
      },
    },
  };
}

it('builds HNSW index files in the IndexNode worker; FLAT and HNSW searches match brute force', async () => {
  let spawned = 0;
  const failures: IndexNodeFailure[] = [];
  const uri = db.uri();
  const c = await db.open(uri, { indexNode: { spawn: () => (spawned++, spawnIndexNodeWorker()), onFailure: (f) => failures.push(f) } });
  await fill(c, 'flat', 'FLAT');
  await fill(c, 'hnsw', 'HNSW');
  expect(spawned).toBe(1); // FLAT is an exact scan of the segment: only HNSW has an index file
  expect(failures).toEqual([]);
  for (const name of ['flat', 'hnsw']) expect(await indexState(c, name)).toMatchObject({ indexState: 'Finished', indexedRows: N, pendingRows: 0 });
  const files = await objectFiles(uri);
  expect(files.filter((f) => f.endsWith('/vec.qidx'))).toHaveLength(1);
  expect(await searchIds(c, 'flat')).toEqual(truth);
  expect(await recall(c, 'hnsw')).toBeGreaterThanOrEqual(0.95);
});

it('retries a build in a fresh worker when the worker is terminated mid-build', async () => {
  const w = watched((i) => i === 0);
  const c = await db.open(db.uri(), { indexNode: w.options });
  await fill(c, 'hnsw', 'HNSW');
  expect(w.spawned()).toBe(2);
  expect(w.failures.map((f) => [f.attempt, f.error.message])).toEqual([[1, 'the IndexNode worker stopped (terminated or crashed)']]);
  expect(await indexState(c, 'hnsw')).toMatchObject({ indexState: 'Finished', indexedRows: N });
  expect(await recall(c, 'hnsw')).toBeGreaterThanOrEqual(0.95);
});

it('builds in-process, with both failures recorded, when the retry worker dies too', async () => {
  const w = watched(() => true);
  const uri = db.uri();
  const c = await db.open(uri, { indexNode: w.options });
  await fill(c, 'hnsw', 'HNSW');
  expect(w.spawned()).toBe(2);
  expect(w.failures.map((f) => f.attempt)).toEqual([1, 2]);
  expect(w.failures.every((f) => f.indexPath.endsWith('/vec.qidx'))).toBe(true);
  expect(await indexState(c, 'hnsw')).toMatchObject({ indexState: 'Finished', indexedRows: N });
  expect(await recall(c, 'hnsw')).toBeGreaterThanOrEqual(0.95);
  // The database stays usable and reopens with the index file in place.
  await c.close();
  expect((await objectFiles(uri)).some((f) => f.endsWith('/vec.qidx'))).toBe(true);
});

it('gives up on a worker that stops answering (timeoutMs) and still builds the index', async () => {
  const w = watched(() => false, { timeoutMs: 300 }, 'hang');
  const c = await db.open(db.uri(), { indexNode: w.options });
  await fill(c, 'hnsw', 'HNSW');
  expect(w.spawned()).toBe(2);
  expect(w.failures.map((f) => f.attempt)).toEqual([1, 2]);
  expect(w.failures[0]!.error.message).toContain('gave no answer within 300 ms');
  expect(await indexState(c, 'hnsw')).toMatchObject({ indexState: 'Finished', indexedRows: N });
  expect(await recall(c, 'hnsw')).toBeGreaterThanOrEqual(0.95);
});
