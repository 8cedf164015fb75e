// The ann suite inside Chromium: brute force and Quiver's raw AnnIndex on this page's thread, then
// the public API over idb:// opened with 0…N query workers, each swept over ef with 1 and with
// several searches in flight. Recall is measured here (src/data/truth.ts's recallAt, against the
// ground truth the driver served); native hnswlib-node is measured by the driver, in Node.
import { loadWasmModule } from '@quiver/browser';
import type { AnnPageResult, AnnRequest } from '../src/browser/protocol.js';
import { bruteForce } from '../src/engines/brute.js';
import { pass, sweep, warmUp } from '../src/engines/measure.js';
import { quiverAnnIndex } from '../src/engines/quiver-raw.js';
import type { EngineResult } from '../src/engines/run.js';
import { BuildBudget, type Engine } from '../src/engines/types.js';
import { browserApi } from './api-engine.js';
import { fetchDataset } from './data.js';
import { progress } from './progress.js';

type Result = AnnPageResult['engines'][number];

function record(e: Engine, name = e.name): EngineResult {
  return { name, family: e.family, algorithm: e.algorithm, efMode: e.efMode, notes: e.notes, status: 'ok', points: [] };
}

function failed(r: EngineResult, err: unknown): void {
  r.status = 'failed';
  r.reason = (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300);
}

/** Runs the browser half of the browser suite. */
export async function ann(r: AnnRequest): Promise<AnnPageResult> {
  const ds = await fetchDataset(r.data);
  const out: Result[] = [];
  const build = async (e: Engine, rec: EngineResult): Promise<void> => {
    const bar = progress(`build ${e.name} on ${ds.name} (Chromium)`, ds.n);
    try {
      rec.build = await e.build(ds, new BuildBudget(3_600_000, (done) => bar.set(done)));
    } finally {
      bar.done();
    }
  };

  // Brute force: one exact pass (as many queries as fit in the budget).
  const brute = bruteForce();
  const bruteRec = record(brute);
  out.push(bruteRec);
  try {
    await build(brute, bruteRec);
    await warmUp(brute, ds, ds.k, ds.k);
    const { ms: _ms, ...p } = await pass(brute, ds, ds.k, ds.k, { budgetMs: r.exactBudgetMs });
    bruteRec.points.push({ ...p, ef: null });
  } catch (err) {
    failed(bruteRec, err);
  }
  await brute.dispose();

  // Quiver's AnnIndex (one HNSW graph of every row), on this thread.
  const raw = quiverAnnIndex(r.hnsw, () => loadWasmModule());
  const rawRec = record(raw);
  out.push(rawRec);
  try {
    await build(raw, rawRec);
    const bar = progress(`ef sweep ${raw.name} (Chromium)`, r.efs.length * r.rounds);
    rawRec.points = (await sweep([raw], ds, ds.k, r.efs, r.rounds, { onPass: () => bar.tick() }))[0];
    bar.done();
  } catch (err) {
    failed(rawRec, err);
  }
  await raw.dispose();

  // The public API: built once, then reopened with each number of query workers.
  const api = browserApi(r.hnsw, { name: 'bench-ann', segments: r.segments });
  const buildRec = record(api);
  try {
    await build(api, buildRec);
  } catch (err) {
    failed(buildRec, err);
    out.push(buildRec);
    await Promise.resolve(api.dispose()).catch(() => undefined);
    return { engines: out, hardwareConcurrency: navigator.hardwareConcurrency };
  }
  // Configurations take turns: each round reopens the database with each worker count and runs
  // every in-flight level and ef; the best pass of each point is kept (as the Node suites' sweeps do).
  const recs = new Map<string, Result>();
  const key = (w: number, c: number) => `${w}/${c}`;
  for (const workers of r.workers) {
    for (const inflight of r.inflight) {
      const name = `quiver public API (idb://, ${workers === 0 ? 'main thread' : `${workers} query worker${workers === 1 ? '' : 's'}`}, ${inflight} in flight)`;
      const first = workers === r.workers[0] && inflight === r.inflight[0];
      const rec: Result = { ...record(api, name), ...(first && buildRec.build ? { build: buildRec.build } : {}), workers, inflight };
      recs.set(key(workers, inflight), rec);
      out.push(rec);
    }
  }
  const bar = progress(`ef sweep ${api.name} (Chromium; ${r.rounds} rounds × ${r.workers.length} worker counts × ${r.inflight.length} in-flight levels × ${r.efs.length} ef)`, r.rounds * r.workers.length * r.inflight.length * r.efs.length);
  for (let round = 0; round < r.rounds; round++) {
    for (const workers of r.workers) {
      const mine = r.inflight.map((c) => recs.get(key(workers, c))!).filter((rec) => rec.status === 'ok');
      try {
        const started = await api.reopen(workers);
        for (const rec of mine) rec.workersStarted = Math.max(started, rec.workersStarted ?? 0);
        await pass(api, ds, ds.k, r.efs[0], { budgetMs: 2000 }); // untimed: loads and JIT settle
      } catch (err) {
        for (const rec of mine) failed(rec, err);
        continue;
      }
      for (const rec of mine) {
        try {
          for (const ef of r.efs) {
            await warmUp(api, ds, ds.k, ef);
            const { ms: _ms, ...p } = await pass(api, ds, ds.k, ef, { concurrency: rec.inflight });
            const i = rec.points.findIndex((x) => x.ef === ef);
            if (i < 0) rec.points.push(p);
            else if (p.qps > rec.points[i].qps) rec.points[i] = p;
            bar.tick();
          }
        } catch (err) {
          failed(rec, err);
        }
      }
    }
  }
  bar.done();
  await api.dispose();
  return { engines: out, hardwareConcurrency: navigator.hardwareConcurrency };
}
