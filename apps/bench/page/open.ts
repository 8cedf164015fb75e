// The open suite's browser half. `persist` builds a collection on idb:// through the public API
// (one segment, as in Node), searches once and closes. `coldOpen` and `readFiles` run as soon as
// a fresh browser process has loaded the page (main.ts): open the database and search query 0, or
// read every OPFS file of the database (the I/O floor); times are ms from navigation start.
import { deleteBrowserStorage, type BrowserClient } from '@quiver/browser';
import type { ColdResult, PersistRequest, PersistResult } from '../src/browser/protocol.js';
import { benchRows, createBenchCollection, insertRows } from '../src/engines/quiver-collection.js';
import { openIdb } from './api-engine.js';
import { fetchDataset } from './data.js';
import { opfsBytes, readAll } from './opfs.js';
import { progress } from './progress.js';

/** Query 0 top 10, as the Node child (open-child.mjs) asks it: loads the collection when it is not loaded. */
async function first(db: BrowserClient, collection: string, query: number[]): Promise<{ ids: number[]; loaded: boolean }> {
  const body = { collectionName: collection, data: [query], limit: 10 };
  let loaded = false;
  let res;
  try {
    res = await db.search(body);
  } catch (e) {
    if ((e as { code?: unknown })?.code !== 101) throw e;
    loaded = true;
    await db.loadCollection({ collectionName: collection });
    res = await db.search(body);
  }
  return { ids: (res.data as { id: unknown }[]).map((h) => Number(h.id)), loaded };
}

/** Builds the collection to be opened cold later, in this browser profile. */
export async function persist(r: PersistRequest): Promise<PersistResult> {
  const ds = await fetchDataset(r.data);
  await deleteBrowserStorage(`idb://${r.name}`);
  const db = await openIdb(r.name, undefined, { seal: { maxRows: ds.n + 1, maxBytes: 2 ** 40, maxAgeMs: 0 } });
  await createBenchCollection(db, r.collection, ds, r.hnsw, false);
  const bar = progress('build the collection on idb:// through the public API (insert, flush, index; Chromium)', ds.n);
  const t0 = performance.now();
  await insertRows(db, r.collection, benchRows(ds.base, ds.dim), 0, ds.n, 5000, { bar });
  await db.flush({ collectionName: r.collection });
  await db.waitForIdle();
  const buildMs = performance.now() - t0;
  bar.done();
  const { ids } = await first(db, r.collection, Array.from(ds.queries.subarray(0, ds.dim)));
  await db.close();
  return { buildMs, warmIds: ids, bytes: await opfsBytes(r.name) };
}

/** Opens `idb://<name>` and searches query 0 (fetched meanwhile); `importMs` is when the page's script started. */
export async function coldOpen(name: string, collection: string, dim: number, importMs: number): Promise<ColdResult> {
  const query = fetch('data/queries.f32').then(async (res) => Array.from(new Float32Array(await res.arrayBuffer(), 0, dim)));
  const db = await openIdb(name, undefined);
  const openMs = performance.now() - importMs;
  const t = performance.now();
  const { ids, loaded } = await first(db, collection, await query);
  const searchMs = performance.now() - t;
  const totalMs = performance.now();
  await db.close();
  return { mode: 'quiver', importMs, openMs, searchMs, totalMs, ids, loaded };
}

/** Reads every OPFS file of `idb://<name>`. */
export async function readFiles(name: string, importMs: number): Promise<ColdResult> {
  const { files, bytes } = await readAll(name);
  return { mode: 'read', importMs, totalMs: performance.now(), files, bytes };
}
