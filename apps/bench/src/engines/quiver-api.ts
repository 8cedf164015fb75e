// Quiver through its public API (@quiver/node `open`), the way an application uses it: a
// collection with an HNSW index on file://, rows inserted in batches (each durable when it
// resolves), flush, then the background index build; searches are `client.search` calls.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open, type QuiverClient } from '@quiver/node';
import type { Dataset } from '../data/dataset.js';
import { benchRows, createBenchCollection, flushAndIndex, insertRows, searchIds } from './quiver-collection.js';
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
      queries = toArrays(ds.queries, ds.dim);
      const rows = benchRows(ds.base, ds.dim, opts.buckets);
      // One segment, as the other engines build one graph: seal only on flush.
      db = await open({ uri: `file://${dir}`, tickMs: 0, seal: { maxRows: ds.n + 1, maxBytes: 2 ** 40, maxAgeMs: 0 } });
      await createBenchCollection(db, COLLECTION, ds, p, opts.buckets !== undefined);
      const t0 = performance.now();
      await insertRows(db, COLLECTION, rows, 0, ds.n, batch, { budget });
      const insertMs = performance.now() - t0;
      const { flushMs, indexMs } = await flushAndIndex(db, COLLECTION);
      const idx = filesBytes(dir, '.qidx');
      return {
        buildMs: performance.now() - t0,
        indexBytes: idx.bytes,
        bytesNote: `${idx.files} .qidx file${idx.files === 1 ? '' : 's'}`,
        phases: { insertMs, flushMs, indexMs },
      };
    },
    search(q: number, k: number, ef: number, filter?: RowFilter) {
      return searchIds(db!, COLLECTION, queries[q], k, ef, filter?.expr);
    },
    async dispose() {
      await db?.close();
      db = undefined;
      if (dir && !opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
