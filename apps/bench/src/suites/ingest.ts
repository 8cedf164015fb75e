// ingest: durable insert throughput of Quiver's public API on file:// (each insert resolves once
// its WAL record is fsync'ed) by batch size, next to memory:// and to the disk's floor (append +
// fdatasync of the same rows' raw bytes) measured in the same run; then flush and index build
// time of the whole set, next to native hnswlib-node and Quiver's AnnIndex building the same graph.
// Then the same in headless Chromium (apps/bench/page/ingest.ts): idb:// next to memory:// in the
// page and to the IndexedDB floor, and flush + index build on idb://.
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWasmBytes, open, type QuiverClient } from '@quiver/node';
import { type BrowserOutcome, inBrowser } from '../browser/driver.js';
import type { IngestPageResult, PageInsertRun } from '../browser/protocol.js';
import { loadDataset, type DatasetSpec } from '../data/dataset.js';
import { hnswlibNode } from '../engines/hnswlib-node.js';
import { benchRows, createBenchCollection, flushAndIndex, insertRows } from '../engines/quiver-collection.js';
import { quiverAnnIndex } from '../engines/quiver-raw.js';
import { BuildBudget, type HnswBuild } from '../engines/types.js';
import { progress } from '../progress.js';
import { machine, type Machine, writeResult } from '../results.js';
import { printTable, rng, times, type SuiteOptions } from '../suite.js';

/** One insert run. */
export interface InsertRun {
  readonly target: 'file://' | 'memory://' | 'fsync floor';
  readonly batch: number;
  readonly rows: number;
  readonly ms: number;
  readonly rowsPerSec: number;
}

/** The ingest suite's result file. */
export interface IngestResult {
  readonly suite: 'ingest';
  readonly quick: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: Machine;
  readonly dataset: { readonly name: string; readonly n: number; readonly dim: number; readonly metric: string };
  readonly params: HnswBuild;
  readonly inserts: InsertRun[];
  /** Flush and index build of all `n` rows on file:// (inserted in the largest batch), and the same graph built by the baselines. */
  readonly build: { readonly rows: number; readonly flushMs: number; readonly indexMs: number; readonly nativeBuildMs: number | null; readonly annIndexBuildMs: number | null };
  /** The same plan in headless Chromium (idb://, memory:// in the page, the IndexedDB floor), or why it could not run. */
  readonly chromium?: BrowserOutcome<IngestPageResult>;
}

const HNSW: HnswBuild = { M: 16, efConstruction: 200 };
const COLLECTION = 'ingest';

/** Runs the suite, prints tables and writes `ingest[-quick].json`. */
export async function run(options: SuiteOptions): Promise<void> {
  const quick = options.quick;
  const spec: DatasetSpec = quick ? { kind: 'glove', n: 4000, nq: 100, seed: 7 } : { kind: 'glove', n: 100_000, nq: 1000, seed: 7 };
  const ds = loadDataset(spec, join(options.out, 'cache'));
  const startedAt = new Date().toISOString();
  const r = rng(5);
  const buckets = Int32Array.from({ length: ds.n }, () => Math.floor(r() * 100));
  const rows = benchRows(ds.base, ds.dim, buckets);
  // Rows per run by batch size (batch 1 pays one fsync per row), each run also capped in time.
  const plan: [number, number][] = quick ? [[1, 200], [100, 2000], [1000, ds.n]] : [[1, 2000], [10, 10_000], [100, 50_000], [1000, ds.n], [10_000, ds.n]];
  const timeCapMs = quick ? 3000 : 60_000;
  console.log(`ingest: ${ds.name} rows (id Int64, bucket Int32, ${ds.dim}-d FloatVector) through open().insert, Node ${process.versions.node}${quick ? ' (--quick)' : ''}`);

  // The floor writes each row's raw bytes: the vector (float32) plus 12 bytes for id and bucket.
  const rowBytes = ds.dim * 4 + 12;
  const floorBytes = new Uint8Array(ds.n * rowBytes);
  for (let i = 0; i < ds.n; i++) floorBytes.set(new Uint8Array(ds.base.buffer, ds.base.byteOffset + i * ds.dim * 4, ds.dim * 4), i * rowBytes);
  const inserts: InsertRun[] = [];
  let kept: { db: QuiverClient; dir: string } | undefined;
  for (const [batch, count] of plan) {
    for (const target of ['fsync floor', 'file://', 'memory://'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'quiver-bench-ingest-'));
      const bar = progress(`${target} batch ${batch}`, count);
      let done = 0;
      let ms = 0;
      if (target === 'fsync floor') {
        const fd = openSync(join(dir, 'floor.log'), 'a');
        const t0 = performance.now();
        for (; done < count && performance.now() - t0 < timeCapMs; done += batch) {
          const n = Math.min(batch, count - done);
          writeSync(fd, floorBytes, done * rowBytes, n * rowBytes);
          fdatasyncSync(fd);
          bar.set(done + n);
        }
        ms = performance.now() - t0;
        done = Math.min(done, count);
        closeSync(fd);
      } else {
        const db = await open({ uri: target === 'file://' ? `file://${dir}` : 'memory://', tickMs: 0, seal: { maxRows: ds.n + 1, maxBytes: 2 ** 40, maxAgeMs: 0 } });
        await createBenchCollection(db, COLLECTION, ds, HNSW, true);
        ({ rows: done, ms } = await insertRows(db, COLLECTION, rows, 0, count, batch, { capMs: timeCapMs, bar }));
        if (target === 'file://' && batch === plan[plan.length - 1][0] && done === ds.n) kept = { db, dir };
        else {
          // No flush on close: closing flushes growing segments, and that schedules an index build
          // that runs on after close() resolves (and would slow every later measurement).
          await db.close({ flush: false });
          rmSync(dir, { recursive: true, force: true });
        }
      }
      if (target === 'fsync floor') rmSync(dir, { recursive: true, force: true });
      bar.done();
      inserts.push({ target, batch, rows: done, ms, rowsPerSec: (done / ms) * 1000 });
    }
  }

  // Flush + index build of the whole set (the file:// collection of the largest batch).
  let flushMs = NaN;
  let indexMs = NaN;
  if (kept) {
    const bar = progress(`flush + index build of ${ds.n.toLocaleString('en-US')} rows`, 2);
    ({ flushMs, indexMs } = await flushAndIndex(kept.db, COLLECTION, bar));
    bar.done();
    await kept.db.close();
    rmSync(kept.dir, { recursive: true, force: true });
  }
  const baseline = async (e: ReturnType<typeof hnswlibNode>): Promise<number | null> => {
    const bar = progress(`build ${e.name}`, ds.n);
    try {
      return (await e.build(ds, new BuildBudget(3_600_000, (d) => bar.set(d)))).buildMs;
    } catch (err) {
      console.error(`  ${e.name}: ${String(err)}`);
      return null;
    } finally {
      bar.done();
      await e.dispose();
    }
  };
  const nativeBuildMs = await baseline(hnswlibNode(HNSW));
  const annIndexBuildMs = await baseline(quiverAnnIndex(HNSW, loadWasmBytes));
  const chromium = await inBrowser(async (b) => b.call('ingest', { data: await b.serve(ds, buckets), hnsw: HNSW, plan, timeCapMs }));

  const result: IngestResult = {
    suite: 'ingest',
    quick,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    dataset: { name: ds.name, n: ds.n, dim: ds.dim, metric: ds.metric },
    params: HNSW,
    inserts,
    build: { rows: ds.n, flushMs, indexMs, nativeBuildMs, annIndexBuildMs },
    chromium,
  };
  for (const t of ingestTables(result)) {
    console.log(`\n${t.title}`);
    printTable(t.header, t.rows);
  }
  console.log(`\nresults: ${writeResult(options.out, 'ingest', quick, result)}`);
}

/** The ingest tables (console and docs/benchmarks.md): Node, then Chromium. */
export function ingestTables(r: IngestResult): { title: string; header: string[]; rows: string[][] }[] {
  const batches = [...new Set(r.inserts.map((i) => i.batch))];
  const get = (target: InsertRun['target'], batch: number) => r.inserts.find((i) => i.target === target && i.batch === batch);
  const rate = (x?: { rowsPerSec: number }) => (x ? Math.round(x.rowsPerSec).toLocaleString('en-US') : '—');
  const secs = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? '—' : (ms / 1000).toFixed(2));
  const b = r.build;
  const tables = [
    {
      title: `insert rows/s by rows per insert call (file:// = durable: resolves after fsync; × floor = file:// / append+fdatasync of the same rows' raw bytes; × memory = file:// / memory://)`,
      header: ['rows per insert', 'rows', 'file:// rows/s', 'memory:// rows/s', 'fsync floor rows/s', '× floor', '× memory'],
      rows: batches.map((batch) => {
        const f = get('file://', batch);
        return [String(batch), String(f?.rows ?? '—'), rate(f), rate(get('memory://', batch)), rate(get('fsync floor', batch)), times(f?.rowsPerSec, get('fsync floor', batch)?.rowsPerSec), times(f?.rowsPerSec, get('memory://', batch)?.rowsPerSec)];
      }),
    },
    {
      title: `flush and index build of ${b.rows.toLocaleString('en-US')} rows on file:// (HNSW M=${r.params.M}, efConstruction=${r.params.efConstruction}; × native = time / native hnswlib-node build of the same rows)`,
      header: ['step', 'seconds', '× native build'],
      rows: [
        ['flush (segment file + catalog)', secs(b.flushMs), times(b.flushMs, b.nativeBuildMs)],
        ['index build (IndexNode, background, until idle)', secs(b.indexMs), times(b.indexMs, b.nativeBuildMs)],
        ['quiver AnnIndex build alone (same rows)', secs(b.annIndexBuildMs), times(b.annIndexBuildMs, b.nativeBuildMs)],
        ['hnswlib-node build (native)', secs(b.nativeBuildMs), times(b.nativeBuildMs, b.nativeBuildMs)],
      ],
    },
  ];
  const c = r.chromium;
  if (c?.status === 'failed') tables.push({ title: 'Chromium (idb://): did not run', header: ['reason'], rows: [[c.reason]] });
  if (c?.status !== 'ok') return tables;
  const page = (target: PageInsertRun['target'], batch: number) => c.value.inserts.find((i) => i.target === target && i.batch === batch);
  const cb = c.value.build;
  tables.push(
    {
      title: `Chromium ${c.chromium}: insert rows/s on idb:// by rows per insert call (durable: resolves after the WAL record's IndexedDB transaction commits with durability 'strict'; × IDB floor = idb:// / one strict IndexedDB put of the same rows' raw bytes per call; × memory = idb:// / memory:// in the same page; × file:// = idb:// / file:// in Node, same run)`,
      header: ['rows per insert', 'rows', 'idb:// rows/s', 'memory:// rows/s', 'IDB floor rows/s', '× IDB floor', '× memory', '× file://'],
      rows: batches.map((batch) => {
        const f = page('idb://', batch);
        return [String(batch), String(f?.rows ?? '—'), rate(f), rate(page('memory://', batch)), rate(page('IndexedDB floor', batch)), times(f?.rowsPerSec, page('IndexedDB floor', batch)?.rowsPerSec), times(f?.rowsPerSec, page('memory://', batch)?.rowsPerSec), times(f?.rowsPerSec, get('file://', batch)?.rowsPerSec)];
      }),
    },
    {
      title: `Chromium ${c.chromium}: flush and index build of ${cb.rows.toLocaleString('en-US')} rows on idb:// (segment file to OPFS; the index built in the IndexNode Web Worker; × native = time / native hnswlib-node build in Node; × file:// = time / the same step on file:// in Node)`,
      header: ['step', 'seconds', '× native build', '× file://'],
      rows: [
        ['flush (segment file + catalog)', secs(cb.flushMs), times(cb.flushMs, b.nativeBuildMs), times(cb.flushMs, b.flushMs)],
        ['index build (IndexNode worker, until idle)', secs(cb.indexMs), times(cb.indexMs, b.nativeBuildMs), times(cb.indexMs, b.indexMs)],
        ['quiver AnnIndex build alone (same rows, page thread)', secs(cb.annIndexBuildMs), times(cb.annIndexBuildMs, b.nativeBuildMs), times(cb.annIndexBuildMs, b.annIndexBuildMs)],
      ],
    },
  );
  return tables;
}
