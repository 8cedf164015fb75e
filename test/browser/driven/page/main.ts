// The test page: a plain Vite app importing @quiver/browser. Node drives it through playwright-core
// (test/browser/driven/*.test.ts) by calling the functions on `window.quiver`; every call returns
// `{ ok, value }` or `{ ok: false, code, message }` so QuiverError codes cross the boundary.
import { open, openBrowserStorage, spawnIndexNodeWorker } from '@quiver/browser';
import type { BrowserOpenOptions, BrowserStorage, QuiverClient } from '@quiver/browser';

type Outcome<T> = { ok: true; value: T } | { ok: false; code: number; message: string };

async function outcome<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    const x = e as { code?: unknown; message?: unknown };
    return { ok: false, code: typeof x?.code === 'number' ? x.code : -1, message: String(x?.message ?? e) };
  }
}

/** A deterministic 16-d vector for row `i`. */
function vector(i: number, dim: number): number[] {
  return Array.from({ length: dim }, (_, k) => Math.sin(i * 0.37 + k * 1.3) + ((i * (k + 1)) % 7) / 7);
}

/** Rows `from…to-1` of the test collection. */
function rows(from: number, to: number, dim: number): Array<Record<string, unknown>> {
  return Array.from({ length: to - from }, (_, k) => ({ id: from + k, tag: (from + k) % 10, vec: vector(from + k, dim) }));
}

/** `n` incompressible bytes (xorshift32): IndexedDB may compress values, so zeros would not fill a quota. */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

let client: QuiverClient | undefined;
let stopped = false;
/** IndexNode workers this page started, and their failed builds. */
const indexNode = { spawned: 0, failures: [] as string[] };
const live = (): QuiverClient => {
  if (client === undefined) throw new Error('no database is open on this page');
  return client;
};

declare global {
  interface Window {
    quiver: typeof api;
    /** Exposed by the test (playwright `exposeFunction`): an insert of `from…to-1` was acknowledged. */
    quiverAck?: (from: number, to: number) => Promise<void>;
  }
}

const api = {
  open: (uri: string, options: Partial<BrowserOpenOptions> = {}) =>
    outcome(async () => {
      const spawn = () => (indexNode.spawned++, spawnIndexNodeWorker());
      client = await open({ tickMs: 0, indexNode: { spawn, onFailure: (f) => indexNode.failures.push(f.error.message) }, ...options, uri });
      return true;
    }),
  close: (flush = true) => outcome(async () => live().close({ flush })),
  /** Creates `name` (Int64 id, Int8 tag, `dim`-d vector, COSINE HNSW) unless it exists. */
  createCollection: (name: string, dim: number) =>
    outcome(async () => {
      if ((await live().hasCollection({ collectionName: name })).data.has) return false;
      await live().createCollection({
        collectionName: name,
        schema: {
          fields: [
            { fieldName: 'id', dataType: 'Int64', isPrimary: true },
            { fieldName: 'tag', dataType: 'Int8' },
            { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim } },
          ],
        },
        indexParams: [{ fieldName: 'vec', metricType: 'COSINE', indexType: 'HNSW' }],
      });
      return true;
    }),
  insert: (name: string, from: number, to: number, dim: number) => outcome(async () => (await live().insert({ collectionName: name, data: rows(from, to, dim) })).data.insertCount),
  /** Ids of the rows with `from <= id < to`, sorted. */
  ids: (name: string, from: number, to: number) =>
    outcome(async () => {
      const res = await live().query({ collectionName: name, filter: `id >= ${from} and id < ${to}`, outputFields: ['id'], limit: 16384 });
      return res.data.map((r) => Number(r.id)).sort((a, b) => a - b);
    }),
  query: (body: Record<string, unknown>) => outcome(async () => (await live().query(body)).data),
  /** Top-`k` ids and scores for the vectors of rows `of`. */
  search: (name: string, of: number[], k: number, dim: number) =>
    outcome(async () => (await live().search({ collectionName: name, data: of.map((i) => vector(i, dim)), annsField: 'vec', limit: k })).data),
  /** What this page's IndexNode did: workers started and failed worker builds. */
  indexNode: () => outcome(async () => indexNode),
  /** Once background work is done: which QueryNode workers serve which segments, and their failures. */
  queryNodes: () =>
    outcome(async () => {
      await live().waitForIdle();
      return live().queryNodes();
    }),
  /**
   * Inserts batches of `batch` rows from `start` on, one after another, until `stopInserts()`,
   * through a client that may lose its leader tab meanwhile: each batch is acknowledged (then
   * `quiverAck` is called) or fails (its code is kept).
   */
  insertUntilStopped: (name: string, start: number, batch: number, dim: number) =>
    outcome(async () => {
      stopped = false;
      const acked: Array<[number, number]> = [];
      const failed: number[] = [];
      for (let from = start; !stopped; from += batch) {
        const r = await outcome(() => live().insert({ collectionName: name, data: rows(from, from + batch, dim) }));
        if (r.ok) {
          acked.push([from, from + batch]);
          await window.quiverAck?.(from, from + batch);
        } else failed.push(r.code);
      }
      return { acked, failed };
    }),
  stopInserts: () => {
    stopped = true;
  },
  flush: (name: string) => outcome(async () => live().flush({ collectionName: name }).then(() => live().waitForIdle())),
  /**
   * Inserts batches of `batch` rows from `start` on, without end, calling `quiverAck` after each
   * acknowledged insert, until the page goes away (the crash test reloads it mid-stream).
   */
  stream: (name: string, start: number, batch: number, dim: number, max: number) => {
    void (async () => {
      for (let next = start; next + batch <= start + max; next += batch) {
        await live().insert({ collectionName: name, data: rows(next, next + batch, dim) });
        await window.quiverAck?.(next, next + batch);
      }
    })();
  },
  /** Storage-level checks under a tiny quota: what a WAL append and a catalog batch that do not fit leave behind. */
  quotaProbe: (uri: string) =>
    outcome(async () => {
      const s: BrowserStorage = await openBrowserStorage(uri);
      try {
        const first = await s.wal.append([new Uint8Array(100)]);
        const appends = await Promise.all(Array.from({ length: 3 }, (_, i) => outcome(() => s.wal.append([noise(1 << 20, i + 1), noise(10, i + 7)]))));
        const nextAfter = s.wal.nextLsn();
        const read: number[] = [];
        for await (const e of s.wal.read(1)) read.push(e.lsn);
        await s.meta.put('kept', 'v');
        const huge = Array.from(noise(2 << 20, 99), (b) => String.fromCharCode(0x4e00 + b)).join('');
        const batch = await outcome(() => s.meta.batch([{ type: 'delete', key: 'kept' }, { type: 'put', key: 'a', value: huge }, { type: 'put', key: 'b', value: huge }]));
        const scan = await s.meta.scan('');
        const object = await outcome(() => s.objects.put('db/1/seg', noise(4 << 20, 5)));
        const objects = await s.objects.list('');
        // The same in a dedicated worker, with sync access handles.
        const worker = new Worker(new URL('./quota-worker.ts', import.meta.url), { type: 'module' });
        const inWorker = await new Promise((resolve) => {
          worker.onmessage = (e) => resolve(e.data);
          worker.postMessage({ name: s.name, bytes: 4 << 20 });
        });
        worker.terminate();
        return { first, appends, nextAfter, read, batch, scan, object, objects, inWorker };
      } finally {
        await s.close();
      }
    }),
};

window.quiver = api;
document.title = 'ready';
