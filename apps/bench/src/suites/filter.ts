// filter: filtered search at 1 %, 10 % and 50 % selectivity — QPS and recall@10 against an exact
// scan of the allowed rows — for Quiver (public API with a filter expression; AnnIndex with a
// RowBitset), native hnswlib-node and hnswlib-wasm (filter callbacks) and brute force.
import { join } from 'node:path';
import { groundTruth, loadDataset, type DatasetSpec } from '../data/dataset.js';
import { bruteForce } from '../engines/brute.js';
import { hnswlibNode } from '../engines/hnswlib-node.js';
import { hnswlibWasm } from '../engines/hnswlib-wasm.js';
import { pass, sweep, warmUp } from '../engines/measure.js';
import { quiverApi } from '../engines/quiver-api.js';
import { loadWasmBytes } from '@quiver/node';
import { quiverAnnIndex, quiverFlat } from '../engines/quiver-raw.js';
import { buildEngine, create, type EngineResult, fail, resultOf } from '../engines/run.js';
import type { Engine, HnswBuild, RowFilter } from '../engines/types.js';
import { progress } from '../progress.js';
import { annTables } from '../report/ann-tables.js';
import { machine, type Machine, writeResult } from '../results.js';
import { printTable, rng, type SuiteOptions } from '../suite.js';
import type { DatasetResult } from './ann.js';

/** The filter suite's result file. */
export interface FilterResult {
  readonly suite: 'filter';
  readonly quick: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: Machine;
  readonly params: { readonly M: number; readonly efConstruction: number; readonly k: number; readonly efs: readonly number[]; readonly rounds: number; readonly passBudgetS: number };
  readonly dataset: { readonly name: string; readonly description: string; readonly metric: string; readonly n: number; readonly nq: number; readonly dim: number };
  /** Builds (once, shared by every selectivity). */
  readonly builds: EngineResult[];
  /** One entry per selectivity; `engines` carry only points. */
  readonly selectivities: (DatasetResult & { readonly label: string; readonly expr: string; readonly allowed: number })[];
}

const HNSW: HnswBuild = { M: 16, efConstruction: 200 };
const K = 10;
/** `bucket` is uniform in [0, 100): `bucket < p` keeps p % of the rows. */
const SELECTIVITY = [1, 10, 50] as const;

/** Runs the suite, prints tables and writes `filter[-quick].json`. */
export async function run(options: SuiteOptions): Promise<void> {
  const quick = options.quick;
  const spec: DatasetSpec = quick ? { kind: 'glove', n: 4000, nq: 100, seed: 7 } : { kind: 'glove', n: 100_000, nq: 1000, seed: 7 };
  const efs = quick ? [10, 40] : [16, 32, 64, 128, 256];
  const rounds = quick ? 1 : 2;
  const exactBudgetMs = quick ? 1000 : 15_000;
  // A slow engine's pass stops after this long (its figure is then over fewer queries: the `queries` column).
  const passBudgetMs = quick ? 1000 : 8000;
  const startedAt = new Date().toISOString();
  const cacheDir = join(options.out, 'cache');
  const ds = loadDataset(spec, cacheDir, K);
  const r = rng(11);
  const buckets = Int32Array.from({ length: ds.n }, () => Math.floor(r() * 100));
  console.log(`filter: ${ds.name}, ${ds.n.toLocaleString('en-US')} × ${ds.dim} ${ds.metric}, ${ds.nq} queries, scalar field bucket uniform in [0, 100); HNSW M=${HNSW.M} efConstruction=${HNSW.efConstruction}${quick ? ' (--quick)' : ''}`);

  const builds: EngineResult[] = [];
  const engines: { e: Engine; r: EngineResult }[] = [];
  const makers: [string, () => Engine][] = [
    ['hnswlib-node', () => hnswlibNode(HNSW)],
    ['quiver AnnIndex', () => quiverAnnIndex(HNSW, loadWasmBytes)],
    ['quiver public API', () => quiverApi(HNSW, { buckets })],
    ['hnswlib-wasm', () => hnswlibWasm(HNSW)],
    ['brute force', bruteForce],
    ['quiver FLAT', () => quiverFlat(loadWasmBytes)],
  ];
  for (const [name, make] of makers) {
    const e = create(name, make, builds);
    if (!e) continue;
    const res = resultOf(e);
    builds.push(res);
    if (await buildEngine(e, res, ds, 3_600_000)) engines.push({ e, r: res });
    else await e.dispose();
  }

  const selectivities: FilterResult['selectivities'] = [];
  for (const pct of SELECTIVITY) {
    const mask = Uint8Array.from(buckets, (b) => (b < pct ? 1 : 0));
    const filter: RowFilter = { mask, expr: `bucket < ${pct}`, prepared: new Map() };
    const label = `${pct}pct`;
    const truth = groundTruth(ds.name, ds.metric, ds.base, ds.queries, ds.dim, K, { ...ds.key, buckets: 'rng(11)' }, cacheDir, { label, mask });
    const allowed = mask.reduce((s, x) => s + x, 0);
    const swept = engines.filter((x) => x.e.efMode === 'search');
    const results = new Map<Engine, EngineResult>();
    for (const { e } of engines) results.set(e, { ...resultOf(e), points: [] });
    const bar = progress(`${pct} % selectivity: ef sweep (${efs.length} ef × ${rounds} rounds × ${swept.length} engines)`, efs.length * rounds * swept.length);
    try {
      const points = await sweep(swept.map((x) => x.e), ds, K, efs, rounds, { filter, truth, budgetMs: passBudgetMs, onPass: () => bar.tick() });
      swept.forEach((x, i) => (results.get(x.e)!.points = points[i]));
    } catch (err) {
      for (const x of swept) fail(results.get(x.e)!, err);
    }
    bar.done();
    for (const { e } of engines.filter((x) => x.e.efMode === 'none')) {
      try {
        await warmUp(e, ds, K, K, filter);
        const { ms: _ms, ...p } = await pass(e, ds, K, K, { filter, truth, budgetMs: exactBudgetMs });
        results.get(e)!.points.push({ ...p, ef: null });
      } catch (err) {
        fail(results.get(e)!, err);
      }
    }
    const sel = { name: `${ds.name}, filter bucket < ${pct} (${pct} %)`, description: ds.description, metric: ds.metric, n: ds.n, nq: ds.nq, dim: ds.dim, label: `${pct} %`, expr: filter.expr, allowed, engines: [...results.values()] };
    selectivities.push(sel);
    for (const t of annTables(sel).slice(1)) {
      console.log(`\n${t.title}`);
      printTable(t.header, t.rows);
    }
  }
  for (const { e } of engines) await e.dispose();
  const buildTable = annTables({ name: ds.name, description: ds.description, metric: ds.metric, n: ds.n, nq: ds.nq, dim: ds.dim, engines: builds })[0];
  console.log(`\n${buildTable.title}`);
  printTable(buildTable.header, buildTable.rows);
  const out: FilterResult = {
    suite: 'filter',
    quick,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    params: { ...HNSW, k: K, efs, rounds, passBudgetS: passBudgetMs / 1000 },
    dataset: { name: ds.name, description: ds.description, metric: ds.metric, n: ds.n, nq: ds.nq, dim: ds.dim },
    builds,
    selectivities,
  };
  console.log(`\nresults: ${writeResult(options.out, 'filter', quick, out)}`);
}
