// The benchmark collection as every suite makes it through Quiver's public API, in Node
// (@quiver/node) and in the benchmark page (@quiver/browser) alike: the schema, the rows, timed
// inserts and the search call. Platform-free: the caller opens the client.
import type { QuiverClient } from '@quiver/core';
import type { Progress } from '../progress.js';
import type { BuildBudget, HnswBuild } from './types.js';

/** A row of the benchmark collection: `id` (Int64 primary key), `v` (the vector), `bucket` (Int32) when the suite filters or ingests. */
export type BenchRow = { id: number; v: number[]; bucket?: number };

/** Rows `id = row number`, with `bucket` when `buckets` is given. */
export function benchRows(base: Float32Array, dim: number, buckets?: Int32Array): BenchRow[] {
  const out: BenchRow[] = new Array(base.length / dim);
  for (let id = 0; id < out.length; id++) {
    const v = Array.from(base.subarray(id * dim, (id + 1) * dim));
    out[id] = buckets ? { id, bucket: buckets[id], v } : { id, v };
  }
  return out;
}

/** Creates `name`: id Int64 primary key, `v` FloatVector(dim) with an HNSW index (M, efConstruction), and an Int32 `bucket` when asked. */
export async function createBenchCollection(db: QuiverClient, name: string, ds: { readonly dim: number; readonly metric: string }, p: HnswBuild, bucket: boolean): Promise<void> {
  const fields: Record<string, unknown>[] = [
    { fieldName: 'id', dataType: 'Int64', isPrimary: true },
    { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: ds.dim } },
  ];
  if (bucket) fields.push({ fieldName: 'bucket', dataType: 'Int32' });
  await db.createCollection({
    collectionName: name,
    schema: { fields },
    indexParams: [{ fieldName: 'v', metricType: ds.metric, params: { index_type: 'HNSW', M: p.M, efConstruction: p.efConstruction } }],
  });
}

/**
 * Inserts `rows[from…to)` in calls of `batch` rows, one after another (each resolves once the
 * engine acknowledged it: durable on file:// and idb://). Stops early after `capMs`; reports
 * progress to `budget` (which may stop a build) or `bar`. Returns the rows inserted and the ms.
 */
export async function insertRows(db: QuiverClient, name: string, rows: readonly BenchRow[], from: number, to: number, batch: number, opts: { capMs?: number; budget?: BuildBudget; bar?: Progress; total?: number } = {}): Promise<{ rows: number; ms: number }> {
  const cap = opts.capMs ?? Infinity;
  const t0 = performance.now();
  let at = from;
  while (at < to && performance.now() - t0 < cap) {
    const end = Math.min(to, at + batch);
    await db.insert({ collectionName: name, data: rows.slice(at, end) });
    at = end;
    opts.budget?.check(at, opts.total ?? to);
    opts.bar?.set(at - from);
  }
  return { rows: at - from, ms: performance.now() - t0 };
}

/** The top-k row ids of one query through `client.search` (ef as a search parameter; `filter` a boolean expression). */
export async function searchIds(db: QuiverClient, name: string, query: number[], k: number, ef: number, filter = ''): Promise<Int32Array> {
  const res = (await db.search({ collectionName: name, data: [query], limit: k, filter, searchParams: { params: { ef } } })) as unknown as { data: { id: number }[] };
  return Int32Array.from(res.data, (h) => h.id);
}

/** Flushes `name` (its segment files and catalog) and waits until the background index builds are done; ms of each step. */
export async function flushAndIndex(db: QuiverClient, name: string, bar?: Progress): Promise<{ flushMs: number; indexMs: number }> {
  const t0 = performance.now();
  await db.flush({ collectionName: name });
  const flushMs = performance.now() - t0;
  bar?.tick();
  const t1 = performance.now();
  await db.waitForIdle();
  return { flushMs, indexMs: performance.now() - t1 };
}
