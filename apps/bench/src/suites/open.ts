// open: cold open of a persisted collection (flushed, indexed, on file://) to its first search
// result, each run in a fresh Node process; next to native hnswlib-node reading an index of the
// same rows and to reading every file of the database folder (the I/O floor), measured in the
// same run. The page cache is warm for all three (the files were just written or read).
// Then the same in headless Chromium (apps/bench/page/open.ts): the collection is built on
// idb:// in one browser process, and each cold run is a new Chromium process on the same profile
// (--user-data-dir) that loads the page and times open → first result; next to reading every OPFS
// file of the database in a fresh process, and to the Node figures of this run.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type BrowserOutcome, inBrowser } from '../browser/driver.js';
import type { ColdResult, PersistResult } from '../browser/protocol.js';
import { loadDataset, type DatasetSpec } from '../data/dataset.js';
import { filesBytes, quiverApi } from '../engines/quiver-api.js';
import { BuildBudget, type HnswBuild } from '../engines/types.js';
import { progress } from '../progress.js';
import { machine, type Machine, REPO_ROOT, writeResult } from '../results.js';
import { printTable, times, type SuiteOptions } from '../suite.js';

const exec = promisify(execFile);
const CHILD = fileURLToPath(new URL('./open-child.mjs', import.meta.url));

/** One child process's timings. */
export interface ColdRun {
  readonly mode: 'quiver' | 'native' | 'read';
  readonly importMs?: number;
  readonly openMs?: number;
  readonly searchMs?: number;
  readonly totalMs: number;
  /** Spawn to exit, as the parent saw it (includes Node's own start-up). */
  readonly processMs: number;
  readonly ids?: number[];
  readonly loaded?: boolean;
  readonly bytes?: number;
}

/** The open suite's result file. */
export interface OpenResult {
  readonly suite: 'open';
  readonly quick: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: Machine;
  readonly dataset: { readonly name: string; readonly n: number; readonly dim: number; readonly metric: string };
  readonly params: HnswBuild;
  /** Bytes of the database folder: all files, segment files, index files. */
  readonly bytes: { readonly total: number; readonly segments: number; readonly indexes: number; readonly nativeIndex: number };
  readonly runs: ColdRun[];
  /** True when every cold Quiver run returned the ids the warm database returned before closing. */
  readonly sameAnswer: boolean;
  /** The same in Chromium, or why it could not run. */
  readonly chromium?: BrowserOutcome<ChromiumOpen>;
}

/** A cold run in a fresh Chromium process: the page's timings (ms from navigation start), plus launching Chromium and the whole run as Node saw it. */
export type ChromiumColdRun = Extract<ColdResult, { mode: 'quiver' | 'read' }> & { readonly launchMs: number; readonly processMs: number };

/** The open suite's Chromium half. */
export interface ChromiumOpen {
  /** The build on idb:// (insert, flush, index) and what it left in OPFS. */
  readonly persisted: PersistResult;
  readonly runs: ChromiumColdRun[];
  /** True when every cold run returned the ids the page got before closing. */
  readonly sameAnswer: boolean;
}

const HNSW: HnswBuild = { M: 16, efConstruction: 200 };

/** Runs the suite, prints tables and writes `open[-quick].json`. */
export async function run(options: SuiteOptions): Promise<void> {
  const quick = options.quick;
  const spec: DatasetSpec = quick ? { kind: 'glove', n: 4000, nq: 100, seed: 7 } : { kind: 'glove', n: 100_000, nq: 1000, seed: 7 };
  const repeats = quick ? 2 : 5;
  const ds = loadDataset(spec, join(options.out, 'cache'));
  const startedAt = new Date().toISOString();
  console.log(`open: cold open of a persisted ${ds.n.toLocaleString('en-US')}-row collection (${ds.dim}-d ${ds.metric}, HNSW) to the first search result, a fresh Node process per run${quick ? ' (--quick)' : ''}`);

  // The child imports @quiver/node's built files (dist/), as an installed package would be.
  const bar0 = progress('tsc -b packages/core packages/node (the child runs the built package)', 1);
  await exec(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-b', 'packages/core', 'packages/node'], { cwd: REPO_ROOT });
  bar0.done();

  const work = mkdtempSync(join(tmpdir(), 'quiver-bench-open-'));
  try {
    const dir = join(work, 'db');
    const engine = quiverApi(HNSW, { dir });
    const bar = progress('build the collection through the public API (insert, flush, index)', ds.n);
    await engine.build(ds, new BuildBudget(3_600_000, (d) => bar.set(d)));
    bar.done();
    const warmIds = Array.from(await engine.search(0, 10, 16));
    await engine.dispose(); // closes the database; the folder stays

    const bar2 = progress('build the native hnswlib-node index of the same rows', ds.n);
    const space = ds.metric === 'COSINE' ? 'cosine' : 'l2';
    const { HierarchicalNSW } = createRequire(import.meta.url)('hnswlib-node') as typeof import('hnswlib-node');
    const native = new HierarchicalNSW(space, ds.dim);
    native.initIndex(ds.n, HNSW.M, HNSW.efConstruction, 100);
    for (let i = 0; i < ds.n; i++) {
      native.addPoint(Array.from(ds.base.subarray(i * ds.dim, (i + 1) * ds.dim)), i);
      if ((i & 4095) === 0) bar2.set(i);
    }
    const nativeFile = join(work, 'native.bin');
    native.writeIndexSync(nativeFile);
    bar2.done();
    const queryFile = join(work, 'query.json');
    writeFileSync(queryFile, JSON.stringify(Array.from(ds.queries.subarray(0, ds.dim))));

    const runs: ColdRun[] = [];
    const bar3 = progress(`cold starts (${repeats} × quiver, native, read)`, repeats * 3);
    for (let r = 0; r < repeats; r++) {
      runs.push(await child(['quiver', dir, 'bench', queryFile]));
      bar3.tick();
      runs.push(await child(['native', nativeFile, space, String(ds.dim), queryFile]));
      bar3.tick();
      runs.push(await child(['read', dir]));
      bar3.tick();
    }
    bar3.done();
    const chromium = await inBrowser(async (b) => {
      const data = await b.serve(ds);
      const profile = await b.profile();
      const first = await b.launch(profile);
      const persisted = await first.call('persist', { data, hnsw: HNSW, name: 'bench-open', collection: 'bench' }).finally(() => first.close());
      const cold: ChromiumColdRun[] = [];
      const bar4 = progress(`Chromium cold starts (${repeats} × open + search, read every OPFS file), a new browser process each`, repeats * 2);
      for (let r = 0; r < repeats; r++) {
        for (const query of [`?cold=bench-open&collection=bench&dim=${ds.dim}`, '?read=bench-open']) {
          const t0 = performance.now();
          const tab = await b.launch(profile, query);
          const processMs = performance.now() - t0;
          await tab.close();
          if (tab.cold?.mode === 'quiver' || tab.cold?.mode === 'read') cold.push({ ...tab.cold, launchMs: tab.launchMs, processMs });
          bar4.tick();
        }
      }
      bar4.done();
      return { persisted, runs: cold, sameAnswer: cold.every((x) => x.mode !== 'quiver' || JSON.stringify(x.ids) === JSON.stringify(persisted.warmIds)) };
    });
    const result: OpenResult = {
      suite: 'open',
      quick,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: machine(),
      dataset: { name: ds.name, n: ds.n, dim: ds.dim, metric: ds.metric },
      params: HNSW,
      bytes: { total: filesBytes(dir, '').bytes, segments: filesBytes(dir, '.qseg').bytes, indexes: filesBytes(dir, '.qidx').bytes, nativeIndex: filesBytes(work, 'native.bin').bytes },
      runs,
      sameAnswer: runs.filter((x) => x.mode === 'quiver').every((x) => JSON.stringify(x.ids) === JSON.stringify(warmIds)),
      chromium,
    };
    for (const t of openTables(result)) {
      console.log(`\n${t.title}`);
      printTable(t.header, t.rows);
    }
    console.log(`\nresults: ${writeResult(options.out, 'open', quick, result)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function child(args: string[]): Promise<ColdRun> {
  const t0 = performance.now();
  const { stdout } = await exec(process.execPath, [CHILD, ...args], { cwd: REPO_ROOT, maxBuffer: 1 << 20 });
  const processMs = performance.now() - t0;
  return { ...(JSON.parse(stdout.trim().split('\n').pop()!) as Omit<ColdRun, 'processMs'>), processMs };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The open tables (console and docs/benchmarks.md): medians over the runs; Node, then Chromium. */
export function openTables(r: OpenResult): { title: string; header: string[]; rows: string[][] }[] {
  const of = (mode: ColdRun['mode'], key: keyof ColdRun) => median(r.runs.filter((x) => x.mode === mode).map((x) => x[key] as number));
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
  const nat = of('native', 'totalMs');
  const read = of('read', 'totalMs');
  const row = (label: string, mode: ColdRun['mode']) => [label, ms(of(mode, 'importMs')), ms(of(mode, 'openMs')), ms(of(mode, 'searchMs')), ms(of(mode, 'totalMs')), times(of(mode, 'totalMs'), nat), times(of(mode, 'totalMs'), read), ms(of(mode, 'processMs'))];
  const mib = (b: number) => (b / 2 ** 20).toFixed(1);
  const tables = [
    {
      title: `cold open → first search result, ${r.dataset.n.toLocaleString('en-US')} rows × ${r.dataset.dim} (median of ${r.runs.length / 3} fresh processes; ms from the script's first line; × native = total / hnswlib-node readIndex + search; × read = total / reading every file of the database folder). Database folder ${mib(r.bytes.total)} MiB (segments ${mib(r.bytes.segments)}, indexes ${mib(r.bytes.indexes)}); native index file ${mib(r.bytes.nativeIndex)} MiB. Same answer as before closing: ${r.sameAnswer ? 'yes' : 'NO'}.`,
      header: ['', 'import ms', 'open ms', 'first search ms', 'total ms', '× native', '× read', 'process ms'],
      rows: [row('quiver open({ uri: file:// }) + search', 'quiver'), row('hnswlib-node readIndexSync + searchKnn', 'native'), row('read every file of the folder', 'read')],
    },
  ];
  const c = r.chromium;
  if (c?.status === 'failed') tables.push({ title: 'Chromium (idb://): did not run', header: ['reason'], rows: [[c.reason]] });
  if (c?.status !== 'ok') return tables;
  const cof = (mode: ChromiumColdRun['mode'], key: string) => median(c.value.runs.filter((x) => x.mode === mode).map((x) => (x as unknown as Record<string, number>)[key]));
  const node = of('quiver', 'totalMs');
  const cread = cof('read', 'totalMs');
  const crow = (label: string, mode: ChromiumColdRun['mode']) => [label, ms(cof(mode, 'importMs')), ms(cof(mode, 'openMs')), ms(cof(mode, 'searchMs')), ms(cof(mode, 'totalMs')), times(cof(mode, 'totalMs'), node), times(cof(mode, 'totalMs'), nat), times(cof(mode, 'totalMs'), cread), ms(cof(mode, 'launchMs')), ms(cof(mode, 'processMs'))];
  const pb = c.value.persisted.bytes;
  tables.push({
    title: `Chromium ${c.chromium}: cold open → first search result, the same ${r.dataset.n.toLocaleString('en-US')} rows built on idb:// in ${(c.value.persisted.buildMs / 1000).toFixed(1)} s (median of ${c.value.runs.length / 2} new browser processes on the same profile; ms from navigation start, page script = when the page's bundle had loaded; × Node = total / Node's open({ uri: file:// }) + search above; × native = total / hnswlib-node readIndex + search; × read = total / reading every OPFS file of the database in a new browser process; launch = starting Chromium; process = launch to result, as Node saw it). OPFS folder ${mib(pb.total)} MiB (segments ${mib(pb.segments)}, indexes ${mib(pb.indexes)}). Same answer as before closing: ${c.value.sameAnswer ? 'yes' : 'NO'}.`,
    header: ['', 'page script ms', 'open ms', 'first search ms', 'total ms', '× Node', '× native', '× read', 'launch ms', 'process ms'],
    rows: [crow("quiver open({ uri: 'idb://…' }) + search", 'quiver'), crow('read every OPFS file of the database', 'read')],
  });
  return tables;
}
