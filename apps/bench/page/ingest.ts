// The ingest suite's browser half: durable insert rows/s on idb:// (each insert resolves once its
// WAL record is committed to IndexedDB with strict durability) by rows per call, next to memory://
// in the same page and to the IndexedDB floor (one strict readwrite transaction putting the same
// rows' raw bytes per batch); then flush + index build of all rows on idb://, next to Quiver's
// AnnIndex building the same graph on this thread.
import { deleteBrowserStorage, loadWasmModule, open, type BrowserClient } from '@quiver/browser';
import type { IngestPageResult, IngestRequest, PageInsertRun } from '../src/browser/protocol.js';
import { benchRows, createBenchCollection, flushAndIndex, insertRows } from '../src/engines/quiver-collection.js';
import { quiverAnnIndex } from '../src/engines/quiver-raw.js';
import { BuildBudget } from '../src/engines/types.js';
import { openIdb } from './api-engine.js';
import { fetchDataset } from './data.js';
import { progress } from './progress.js';

const COLLECTION = 'ingest';
const FLOOR_DB = 'quiver-bench-idb-floor';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

/** Appends `count` rows of `rowBytes` bytes in transactions of `batch` rows, each committed with strict durability; stops after `capMs`. */
async function idbFloor(bytes: Uint8Array, rowBytes: number, batch: number, count: number, capMs: number, onRows: (n: number) => void): Promise<{ rows: number; ms: number }> {
  await request(indexedDB.deleteDatabase(FLOOR_DB));
  const open = indexedDB.open(FLOOR_DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('log');
  const db = await request(open);
  let done = 0;
  const t0 = performance.now();
  try {
    for (let key = 0; done < count && performance.now() - t0 < capMs; key++) {
      const n = Math.min(batch, count - done);
      const tx = db.transaction('log', 'readwrite', { durability: 'strict' });
      tx.objectStore('log').put(bytes.slice(done * rowBytes, (done + n) * rowBytes), key);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = tx.onabort = () => reject(tx.error);
      });
      done += n;
      onRows(done);
    }
    return { rows: done, ms: performance.now() - t0 };
  } finally {
    db.close();
    await request(indexedDB.deleteDatabase(FLOOR_DB));
  }
}

/** Runs the browser half of the ingest suite. */
export async function ingest(r: IngestRequest): Promise<IngestPageResult> {
  const ds = await fetchDataset(r.data);
  const rows = benchRows(ds.base, ds.dim, ds.buckets);
  // The floor writes each row's raw bytes: the vector (float32) plus 12 bytes for id and bucket.
  const rowBytes = ds.dim * 4 + 12;
  const floorBytes = new Uint8Array(ds.n * rowBytes);
  for (let i = 0; i < ds.n; i++) floorBytes.set(new Uint8Array(ds.base.buffer, ds.base.byteOffset + i * ds.dim * 4, ds.dim * 4), i * rowBytes);
  const seal = { maxRows: ds.n + 1, maxBytes: 2 ** 40, maxAgeMs: 0 };
  const largest = r.plan[r.plan.length - 1][0];
  const inserts: PageInsertRun[] = [];
  let kept: { db: BrowserClient; name: string } | undefined;
  for (const [batch, count] of r.plan) {
    for (const target of ['IndexedDB floor', 'idb://', 'memory://'] as const) {
      const bar = progress(`${target} batch ${batch} (Chromium)`, count);
      let run: { rows: number; ms: number };
      if (target === 'IndexedDB floor') run = await idbFloor(floorBytes, rowBytes, batch, count, r.timeCapMs, (n) => bar.set(n));
      else {
        const name = `bench-ingest-${batch}`;
        if (target === 'idb://') await deleteBrowserStorage(`idb://${name}`);
        const db = target === 'idb://' ? await openIdb(name, undefined, { seal }) : await open({ uri: 'memory://', tickMs: 0, seal });
        await createBenchCollection(db, COLLECTION, ds, r.hnsw, true);
        run = await insertRows(db, COLLECTION, rows, 0, count, batch, { capMs: r.timeCapMs, bar });
        if (target === 'idb://' && batch === largest && run.rows === ds.n) kept = { db, name };
        else {
          await db.close({ flush: false }); // no flush: it would start an index build that outlives the run
          if (target === 'idb://') await deleteBrowserStorage(`idb://${name}`);
        }
      }
      bar.done();
      inserts.push({ target, batch, rows: run.rows, ms: run.ms, rowsPerSec: (run.rows / run.ms) * 1000 });
    }
  }

  // Flush + index build of the whole set (the idb:// database of the largest batch).
  let flushMs = NaN;
  let indexMs = NaN;
  if (kept) {
    const bar = progress(`flush + index build of ${ds.n.toLocaleString('en-US')} rows on idb:// (Chromium)`, 2);
    ({ flushMs, indexMs } = await flushAndIndex(kept.db, COLLECTION, bar));
    bar.done();
    await kept.db.close();
    await deleteBrowserStorage(`idb://${kept.name}`);
  }
  const raw = quiverAnnIndex(r.hnsw, () => loadWasmModule());
  const bar = progress(`build ${raw.name} (Chromium)`, ds.n);
  let annIndexBuildMs: number | null = null;
  try {
    annIndexBuildMs = (await raw.build(ds, new BuildBudget(3_600_000, (d) => bar.set(d)))).buildMs;
  } finally {
    bar.done();
    await raw.dispose();
  }
  return { inserts, build: { rows: ds.n, flushMs, indexMs, annIndexBuildMs } };
}
