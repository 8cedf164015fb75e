// Quiver through @quiver/browser's public API, the way a web app uses it: `open({ uri: 'idb://…' })`
// (IndexedDB WAL with strict durability, OPFS segment and index files, index builds in the
// IndexNode worker), rows inserted in batches and flushed in `segments` equal parts (so searches
// fan out over several sealed segments), then `client.search`, one call per query. `reopen`
// closes and opens the database again with another `queryWorkers`.
import { deleteBrowserStorage, open, type BrowserClient, type BrowserOpenOptions } from '@quiver/browser';
import type { Dataset } from '../src/data/dataset.js';
import { benchRows, createBenchCollection, insertRows, searchIds } from '../src/engines/quiver-collection.js';
import { type BuildBudget, type Engine, type HnswBuild, toArrays } from '../src/engines/types.js';
import { opfsBytes } from './opfs.js';
import { workersStarted } from './workers.js';

const COLLECTION = 'bench';

/** Opens `idb://<name>` with `queryWorkers` (the QueryNode worker pool; 0 = search on this thread; undefined = the default pool) and the given engine options. */
export function openIdb(name: string, queryWorkers: number | undefined, options: Partial<BrowserOpenOptions> = {}): Promise<BrowserClient> {
  return open({ uri: `idb://${name}`, tickMs: 0, ...options, ...(queryWorkers === undefined ? {} : { queryWorkers }) });
}

/** The public-API engine of the browser suite. */
export interface BrowserApiEngine extends Engine {
  /**
   * Closes the database and opens it again with `queryWorkers`, loads it, searches once and waits
   * until the QueryNode workers have loaded their segments (until then the page's thread serves
   * them); returns the workers that started meanwhile.
   */
  reopen(queryWorkers: number): Promise<number>;
}

/** `client.search` over `idb://<name>`, built with HNSW (M, efConstruction) over `segments` flushed segments. */
export function browserApi(p: HnswBuild, opts: { readonly name: string; readonly segments: number; readonly batch?: number }): BrowserApiEngine {
  let db: BrowserClient | undefined;
  let queries: number[][] = [];
  const batch = opts.batch ?? 5000;
  return {
    name: 'quiver public API (idb://, HNSW)',
    family: 'quiver',
    algorithm: 'HNSW',
    efMode: 'search',
    async: true,
    notes: [`open({ uri: 'idb://…' }) in Chromium (IndexedDB WAL, strict durability; OPFS files; index builds in the IndexNode worker); insert in batches of ≤ ${batch} rows, flushed in ${opts.segments} equal parts (${opts.segments} sealed segments, one HNSW graph each); search() one query per call; index bytes = the .qidx files in OPFS`],
    async build(ds: Dataset, budget: BuildBudget) {
      await deleteBrowserStorage(`idb://${opts.name}`);
      queries = toArrays(ds.queries, ds.dim);
      const rows = benchRows(ds.base, ds.dim);
      db = await openIdb(opts.name, 0, { seal: { maxRows: ds.n + 1, maxBytes: 2 ** 40, maxAgeMs: 0 } });
      await createBenchCollection(db, COLLECTION, ds, p, false);
      const per = Math.ceil(ds.n / opts.segments);
      let insertMs = 0;
      let flushMs = 0;
      const t0 = performance.now();
      for (let from = 0; from < ds.n; from += per) {
        insertMs += (await insertRows(db, COLLECTION, rows, from, Math.min(ds.n, from + per), batch, { budget, total: ds.n })).ms;
        const t = performance.now();
        await db.flush({ collectionName: COLLECTION });
        flushMs += performance.now() - t;
      }
      const t1 = performance.now();
      await db.waitForIdle();
      const t2 = performance.now();
      const bytes = await opfsBytes(opts.name);
      return { buildMs: t2 - t0, indexBytes: bytes.indexes, bytesNote: '.qidx files in OPFS', phases: { insertMs, flushMs, indexMs: t2 - t1 } };
    },
    async reopen(queryWorkers) {
      await db?.close();
      const before = workersStarted();
      db = await openIdb(opts.name, queryWorkers);
      const body = { collectionName: COLLECTION, data: [queries[0]], limit: 10 };
      await db.search(body).catch(async (e: { code?: unknown }) => {
        if (e?.code !== 101) throw e; // not loaded: load it, as an application would
        await db!.loadCollection({ collectionName: COLLECTION });
        await db!.search(body);
      });
      await db.waitForIdle();
      return workersStarted() - before;
    },
    search(q: number, k: number, ef: number) {
      return searchIds(db!, COLLECTION, queries[q], k, ef);
    },
    async dispose() {
      await db?.close();
      db = undefined;
      await deleteBrowserStorage(`idb://${opts.name}`);
    },
  };
}
