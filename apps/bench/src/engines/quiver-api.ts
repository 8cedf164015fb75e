// Quiver through its public API (@quiver/node `open`), the way an application uses it: a
// collection with an HNSW index on file://, rows inserted in batches (each durable when it
// resolves), flush, then the background index build; searches are `client.search` calls.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type QuiverClient } from '@quiver/node';
import type { Dataset } from '../data/dataset.js';
import { type BuildBudget, type Engine, type HnswBuild, type RowFilter, toArrays } from './types.js';

/** Options of the public-API engine. */
export interface QuiverApiOptions {
  /** An Int32 scalar column `bucket` per row (the filter suite's field). */
  readonly buckets?: Int32Array;
  /** Rows per insert call (default 5,000). */
  readonly batch?: number;
  /** Build the database in this (new or empty) folder and keep it on dispose (default: a temp folder, removed). */
  readonly dir?: string;
}

const COLLECTION = 'bench';

/** Total bytes of the files under `dir` whose name ends with `suffix`, and how many there are. */
export function filesBytes(dir: string, suffix: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith(suffix)) {
      bytes += statSync(join(e.parentPath, e.name)).size;
      files++;
    }
  }
  return { bytes, files };
}

/** Quiver's `open({ uri: 'file://…' })` client with an HNSW index (M, efConstruction) on the vector field. */
export function quiverApi(p: HnswBuild, opts: QuiverApiOptions = {}): Engine {
  let dir = '';
  let db: QuiverClient | undefined;
  let queries: number[][] = [];
  const batch = opts.batch ?? 5000;
  return {
    name: 'quiver public API (file://, HNSW)',
    family: 'quiver',
    algorithm: 'HNSW',
    efMode: 'search',
    async: true,
    notes: [`open({ uri: 'file://…' }), insert in batches of ${batch} rows (durable, fsync), flush, background index build; search() one query per call; index bytes = the .qidx files`],
    async build(ds: Dataset, budget: BuildBudget) {
      dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'quiver-bench-api-'));
      const vectors = toArrays(ds.base, ds.dim);
      queries = toArrays(ds.queries, ds.dim);
      const rows = vectors.map((v, id) => (opts.buckets ? { id, bucket: opts.buckets[id], v } : { id, v }));
      const fields: Record<string, unknown>[] = [
        { fieldName: 'id', dataType: 'Int64', isPrimary: true },
        { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: ds.dim } },
      ];
      if (opts.buckets) fields.push({ fieldName: 'bucket', dataType: 'Int32' });
      // One segment, as the other engines build one graph: seal only on flush.
      db = await open({ uri: `file://${dir}`, tickMs: 0, seal: { maxRows: ds.n + 1, maxBytes: 2 ** 40, maxAgeMs: 0 } });
      await db.createCollection({
        collectionName: COLLECTION,
        schema: { fields },
        indexParams: [{ fieldName: 'v', metricType: ds.metric, params: { index_type: 'HNSW', M: p.M, efConstruction: p.efConstruction } }],
      });
      const t0 = performance.now();
      for (let i = 0; i < ds.n; i += batch) {
        await db.insert({ collectionName: COLLECTION, data: rows.slice(i, i + batch) });
        budget.check(Math.min(ds.n, i + batch), ds.n);
      }
      const t1 = performance.now();
      await db.flush({ collectionName: COLLECTION });
      const t2 = performance.now();
      await db.waitForIdle();
      const t3 = performance.now();
      const idx = filesBytes(dir, '.qidx');
      return {
        buildMs: t3 - t0,
        indexBytes: idx.bytes,
        bytesNote: `${idx.files} .qidx file${idx.files === 1 ? '' : 's'}`,
        phases: { insertMs: t1 - t0, flushMs: t2 - t1, indexMs: t3 - t2 },
      };
    },
    async search(q: number, k: number, ef: number, filter?: RowFilter) {
      const res = (await db!.search({ collectionName: COLLECTION, data: [queries[q]], limit: k, filter: filter?.expr ?? '', searchParams: { params: { ef } } })) as unknown as { data: { id: number }[] };
      return Int32Array.from(res.data, (h) => h.id);
    },
    async dispose() {
      await db?.close();
      db = undefined;
      if (dir && !opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
