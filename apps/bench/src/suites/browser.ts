// browser: the ann suite inside headless Chromium (apps/bench/page). Quiver's public API over
// idb:// with its rows in several sealed segments, opened with 0…N query workers and searched with
// one and with several searches in flight; next to brute force and Quiver's raw AnnIndex in the same
// page, and to native hnswlib-node measured here in Node in the same run.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { inBrowser } from '../browser/driver.js';
import type { AnnPageResult } from '../browser/protocol.js';
import { loadDataset, type DatasetSpec } from '../data/dataset.js';
import { hnswlibNode } from '../engines/hnswlib-node.js';
import { sweep } from '../engines/measure.js';
import { buildEngine, type EngineResult, fail, resultOf } from '../engines/run.js';
import type { HnswBuild } from '../engines/types.js';
import { progress } from '../progress.js';
import { annTables, bestAt, qps, type Table } from '../report/ann-tables.js';
import { machine, type Machine, writeResult } from '../results.js';
import { printTable, times, type SuiteOptions } from '../suite.js';
import type { DatasetResult } from './ann.js';

/** An engine record of the browser suite: the public API's configurations say their query workers and searches in flight. */
export type BrowserEngineResult = AnnPageResult['engines'][number];

/** The browser suite's result file. */
export interface BrowserResult {
  readonly suite: 'browser';
  readonly quick: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: Machine;
  /** Chromium's version, or why the page part could not run. */
  readonly chromium: { readonly status: 'ok'; readonly version: string; readonly hardwareConcurrency: number } | { readonly status: 'failed'; readonly reason: string };
  readonly params: HnswBuild & { readonly k: number; readonly efs: readonly number[]; readonly rounds: number; readonly workers: readonly number[]; readonly inflight: readonly number[]; readonly segments: number; readonly exactQueryBudgetS: number };
  /** Native hnswlib-node (Node) first, then the page's engines. */
  readonly dataset: Omit<DatasetResult, 'engines'> & { readonly engines: BrowserEngineResult[] };
}

const HNSW: HnswBuild = { M: 16, efConstruction: 200 };
const K = 10;

function config(quick: boolean) {
  // 1 … N query workers (N up to 4, at least 2 even on a 2-core machine), and 0 (the page's thread).
  const workers = [0, 1, 2, 4].filter((w) => w <= Math.max(2, Math.min(4, cpus().length)));
  return quick
    ? { spec: { kind: 'glove', n: 2000, nq: 100, seed: 7 } as DatasetSpec, efs: [16, 64], rounds: 1, workers, inflight: [1, 8], segments: 8, exactBudgetMs: 500 }
    : { spec: { kind: 'glove', n: 100_000, nq: 1000, seed: 7 } as DatasetSpec, efs: [10, 16, 32, 64, 128, 256], rounds: 2, workers, inflight: [1, 8], segments: 8, exactBudgetMs: 15_000 };
}

/** Runs the suite, prints tables and writes `browser[-quick].json`. */
export async function run(options: SuiteOptions): Promise<void> {
  const quick = options.quick;
  const cfg = config(quick);
  const startedAt = new Date().toISOString();
  const ds = loadDataset(cfg.spec, join(options.out, 'cache'), K);
  console.log(`browser: the ann suite in headless Chromium — ${ds.name} (${ds.n.toLocaleString('en-US')} × ${ds.dim} ${ds.metric}, ${ds.nq} queries), public API over idb:// in ${cfg.segments} sealed segments with ${cfg.workers.join(', ')} query workers and ${cfg.inflight.join(', ')} searches in flight; native hnswlib-node in Node${quick ? ' (--quick)' : ''}`);

  // Native hnswlib-node, here in Node: the baseline of every ratio.
  const native = hnswlibNode(HNSW);
  const nativeRec = resultOf(native);
  if (await buildEngine(native, nativeRec, ds, 3_600_000)) {
    const bar = progress(`ef sweep ${native.name}`, cfg.efs.length * cfg.rounds);
    try {
      nativeRec.points = (await sweep([native], ds, K, cfg.efs, cfg.rounds, { onPass: () => bar.tick() }))[0];
    } catch (err) {
      fail(nativeRec, err);
    }
    bar.done();
  }
  await native.dispose();

  const page = await inBrowser(async (b) => b.call('ann', { data: await b.serve(ds), hnsw: HNSW, efs: cfg.efs, rounds: cfg.rounds, workers: cfg.workers, inflight: cfg.inflight, segments: cfg.segments, exactBudgetMs: cfg.exactBudgetMs }));
  const engines: BrowserEngineResult[] = [nativeRec, ...(page.status === 'ok' ? page.value.engines : [])];
  const result: BrowserResult = {
    suite: 'browser',
    quick,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    chromium: page.status === 'ok' ? { status: 'ok', version: page.chromium, hardwareConcurrency: page.value.hardwareConcurrency } : page,
    params: { ...HNSW, k: K, efs: cfg.efs, rounds: cfg.rounds, workers: cfg.workers, inflight: cfg.inflight, segments: cfg.segments, exactQueryBudgetS: cfg.exactBudgetMs / 1000 },
    dataset: { name: ds.name, description: ds.description, metric: ds.metric, n: ds.n, nq: ds.nq, dim: ds.dim, engines },
  };
  for (const t of browserTables(result)) {
    console.log(`\n${t.title}`);
    printTable(t.header, t.rows);
  }
  console.log(`\nresults: ${writeResult(options.out, 'browser', quick, result)}`);
}

/** The public API's configurations (one per query-worker count and searches in flight). */
function configs(r: BrowserResult): BrowserEngineResult[] {
  return r.dataset.engines.filter((e) => e.workers !== undefined);
}

/** Recall targets of the worker-scaling tables. */
const SCALING_TARGETS = [0.95, 0.99] as const;

/** The worker-scaling tables (one per recall target), then the ann suite's build, equal-recall and sweep tables (console and docs/benchmarks.md). */
export function browserTables(r: BrowserResult): Table[] {
  const d = r.dataset;
  const native = d.engines.find((e) => e.name.startsWith('hnswlib-node') && e.status === 'ok');
  const api = configs(r);
  const inflight = r.params.inflight;
  const scaling = SCALING_TARGETS.map((target): Table => {
    const at = (e: EngineResult | undefined) => (e && e.status === 'ok' ? bestAt(e.points, target) : null);
    const nat = at(native);
    return {
      title: `Chromium ${r.chromium.status === 'ok' ? r.chromium.version : '(did not run)'}, ${d.name} in ${r.params.segments} sealed segments: public API QPS at recall@10 ≥ ${target} by query workers (queryWorkers) and searches in flight (× main thread = the same in-flight level with queryWorkers 0; × native = hnswlib-node in Node, one thread, one query at a time; workers started = Web Workers the open, the load and one search started)`,
      header: ['query workers', 'workers started', ...inflight.flatMap((c) => [`QPS, ${c} in flight`, '× main thread', '× native'])],
      rows: r.params.workers.map((w) => {
        const mine = api.filter((e) => e.workers === w);
        return [
          w === 0 ? '0 (main thread)' : String(w),
          String(mine[0]?.workersStarted ?? '—'),
          ...inflight.flatMap((c) => {
            const e = mine.find((x) => x.inflight === c);
            if (e && e.status !== 'ok') return [`${e.status}: ${e.reason ?? ''}`, '—', '—'];
            const p = at(e);
            const base = at(api.find((x) => x.workers === r.params.workers[0] && x.inflight === c));
            return [p ? `${qps(p.qps)} (ef ${p.ef})` : 'not reached', times(p?.qps, base?.qps), times(p?.qps, nat?.qps)];
          }),
        ];
      }),
    };
  });
  const [build, recall, sweepTable] = annTables({ ...d, name: `${d.name} (Chromium)` });
  // The public API is built once (its first configuration carries the build): name the row for what it is.
  const apiBuild = `quiver public API (idb://, HNSW: insert + flush + index of ${r.params.segments} segments, ${Math.ceil(d.n / r.params.segments).toLocaleString('en-US')} rows each)`;
  const buildRows = build.rows.filter((row) => row[2] !== '—' || !row[7].startsWith('ok')).map((row) => (api.some((e) => e.name === row[0]) ? [apiBuild, ...row.slice(1)] : row));
  return [...scaling, { ...build, rows: buildRows }, recall, sweepTable];
}
