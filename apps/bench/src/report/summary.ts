// The "in short" lines at the top of docs/benchmarks.md, computed from the results (so they never
// go stale): Quiver's main ratios to native hnswlib-node and brute force at equal recall.
import type { EngineResult } from '../engines/run.js';
import type { AnnResult } from '../suites/ann.js';
import type { BrowserResult } from '../suites/browser.js';
import type { FilterResult } from '../suites/filter.js';
import type { IngestResult } from '../suites/ingest.js';
import type { OpenResult } from '../suites/open.js';
import { best, type RestResult, type RestRun } from '../suites/rest.js';
import { times } from '../suite.js';
import { bestAt, qps, references } from './ann-tables.js';

const TARGET = 0.95;

function atTarget(engines: readonly EngineResult[], prefix: string): string {
  const { native, brute } = references(engines);
  const e = engines.find((x) => x.name.startsWith(prefix) && x.status === 'ok');
  const p = e ? bestAt(e.points, TARGET) : null;
  const n = native ? bestAt(native.points, TARGET) : null;
  if (!e || !p) return `${prefix}: not reached`;
  return `${prefix} ${qps(p.qps)} QPS = **${times(p.qps, n?.qps)} native**, ${times(p.qps, brute?.points[0]?.qps)} brute force`;
}

/** Bullet lines summarizing every suite that has results. */
export function summary(ann: AnnResult | null, filter: FilterResult | null, ingest: IngestResult | null, open: OpenResult | null, browser: BrowserResult | null, rest: RestResult | null = null): string[] {
  const lines: string[] = [];
  for (const d of ann?.datasets ?? []) {
    const { native } = references(d.engines);
    const raw = d.engines.find((x) => x.name.startsWith('quiver AnnIndex (wasm HNSW)'));
    const api = d.engines.find((x) => x.name.startsWith('quiver public API'));
    lines.push(`- **${d.name}** at recall@10 ≥ ${TARGET}: ${atTarget(d.engines, 'quiver AnnIndex (wasm HNSW)')}; ${atTarget(d.engines, 'quiver public API')}. Build: AnnIndex ${times(raw?.build?.buildMs, native?.build?.buildMs)} native, public API (insert + flush + index) ${times(api?.build?.buildMs, native?.build?.buildMs)}.`);
  }
  for (const s of filter?.selectivities ?? []) lines.push(`- **filter ${s.label}** (${s.expr}) at recall@10 ≥ ${TARGET}: ${atTarget(s.engines, 'quiver AnnIndex (wasm HNSW)')}; ${atTarget(s.engines, 'quiver public API')}.`);
  if (ingest) {
    const big = ingest.inserts.filter((i) => i.target === 'file://').sort((a, b) => b.batch - a.batch)[0];
    const one = ingest.inserts.find((i) => i.target === 'file://' && i.batch === 1);
    const floor = (b: number) => ingest.inserts.find((i) => i.target === 'fsync floor' && i.batch === b)?.rowsPerSec;
    lines.push(`- **ingest** (durable, file://): ${Math.round(big?.rowsPerSec ?? 0).toLocaleString('en-US')} rows/s in batches of ${big?.batch} (${times(big?.rowsPerSec, floor(big?.batch ?? 0))} the fsync floor), ${Math.round(one?.rowsPerSec ?? 0).toLocaleString('en-US')} rows/s one row per call (${times(one?.rowsPerSec, floor(1))}); index build of ${ingest.build.rows.toLocaleString('en-US')} rows ${times(ingest.build.indexMs, ingest.build.nativeBuildMs)} native, flush ${times(ingest.build.flushMs, ingest.build.nativeBuildMs)} a native build.`);
  }
  if (open) {
    const med = (mode: string) => {
      const xs = open.runs.filter((r) => r.mode === mode).map((r) => r.totalMs).sort((a, b) => a - b);
      return xs[Math.floor(xs.length / 2)];
    };
    lines.push(`- **open** (cold, ${open.dataset.n.toLocaleString('en-US')} rows): ${med('quiver').toFixed(0)} ms to the first result = ${times(med('quiver'), med('native'))} hnswlib-node readIndex + search, ${times(med('quiver'), med('read'))} reading the files.`);
  }
  if (ingest?.chromium?.status === 'ok') {
    const c = ingest.chromium.value;
    const big = c.inserts.filter((i) => i.target === 'idb://').sort((a, b) => b.batch - a.batch)[0];
    const one = c.inserts.find((i) => i.target === 'idb://' && i.batch === 1);
    const floor = (b: number) => c.inserts.find((i) => i.target === 'IndexedDB floor' && i.batch === b)?.rowsPerSec;
    const file = (b: number) => ingest.inserts.find((i) => i.target === 'file://' && i.batch === b)?.rowsPerSec;
    lines.push(`- **ingest in Chromium** (durable, idb://): ${Math.round(big?.rowsPerSec ?? 0).toLocaleString('en-US')} rows/s in batches of ${big?.batch} (${times(big?.rowsPerSec, floor(big?.batch ?? 0))} the IndexedDB floor, ${times(big?.rowsPerSec, file(big?.batch ?? 0))} file://), ${Math.round(one?.rowsPerSec ?? 0).toLocaleString('en-US')} rows/s one row per call (${times(one?.rowsPerSec, floor(1))}, ${times(one?.rowsPerSec, file(1))}); index build of ${c.build.rows.toLocaleString('en-US')} rows in the IndexNode worker ${times(c.build.indexMs, ingest.build.nativeBuildMs)} native.`);
  }
  if (open?.chromium?.status === 'ok') {
    const runs = open.chromium.value.runs;
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const quiver = med(runs.filter((r) => r.mode === 'quiver').map((r) => r.totalMs));
    const node = med(open.runs.filter((r) => r.mode === 'quiver').map((r) => r.totalMs));
    const read = med(runs.filter((r) => r.mode === 'read').map((r) => r.totalMs));
    lines.push(`- **open in Chromium** (cold: a new browser process, ${open.dataset.n.toLocaleString('en-US')} rows on idb://): ${quiver.toFixed(0)} ms from navigation to the first result = ${times(quiver, node)} Node's cold open, ${times(quiver, read)} reading the OPFS files; Chromium itself takes ${med(runs.map((r) => r.launchMs)).toFixed(0)} ms to launch.`);
  }
  if (browser?.chromium.status === 'ok') {
    const d = browser.dataset;
    const at = (e: EngineResult | undefined) => (e && e.status === 'ok' ? bestAt(e.points, TARGET) : null);
    const native = at(d.engines.find((e) => e.name.startsWith('hnswlib-node')));
    const raw = at(d.engines.find((e) => e.name.startsWith('quiver AnnIndex (wasm HNSW)')));
    const main = d.engines.find((e) => e.workers === 0 && e.inflight === 1);
    const onMain = (inflight: number | undefined) => at(d.engines.find((e) => e.workers === 0 && e.inflight === inflight));
    const best = d.engines.filter((e) => (e.workers ?? 0) > 0).map((e) => ({ e, p: at(e) })).filter((x) => x.p).sort((a, b) => b.p!.qps - a.p!.qps)[0];
    const mp = at(main);
    lines.push(`- **browser** (Chromium ${browser.chromium.version}, ${d.name} in ${browser.params.segments} sealed segments) at recall@10 ≥ ${TARGET}: AnnIndex in the page ${raw ? `${qps(raw.qps)} QPS = **${times(raw.qps, native?.qps)} native**` : 'not reached'}; public API on the page's thread ${mp ? `${qps(mp.qps)} QPS = **${times(mp.qps, native?.qps)} native**` : 'not reached'}${best ? `; best with query workers: ${best.e.workers} worker${best.e.workers === 1 ? '' : 's'}, ${best.e.inflight} in flight, ${qps(best.p!.qps)} QPS = ${times(best.p!.qps, native?.qps)} native, ${times(best.p!.qps, onMain(best.e.inflight)?.qps)} the page's thread at the same in-flight level (${best.e.workersStarted ?? 0} workers started)` : ''}.`);
  }
  if (rest) {
    const get = (route: RestRun['route'], target: RestRun['target'], workers?: 0 | 'auto') => {
      const run = rest.runs.find((x) => x.route === route && x.target === target && x.queryWorkers === workers);
      return run ? best(run) : undefined;
    };
    const rps = (v: number | undefined) => Math.round(v ?? 0).toLocaleString('en-US');
    const auto = get('search', 'REST', 'auto');
    const zero = get('search', 'REST', 0);
    const hono = get('search', 'Hono floor');
    const ins = get('insert', 'REST', 'auto');
    lines.push(`- **rest** (${rest.params.connections} connections, ${rest.params.rows.toLocaleString('en-US')} × ${rest.params.dim}-d): search ${rps(auto?.reqPerSec)} req/s with query workers auto (${rest.autoWorkers}) = **${times(auto?.reqPerSec, get('search', 'in-process', 'auto')?.reqPerSec)} the engine without HTTP**, ${times(auto?.reqPerSec, hono?.reqPerSec)} a bare Hono endpoint, ${times(auto?.reqPerSec, zero?.reqPerSec)} with 0 workers (p99 ${auto?.p99Ms ?? '—'} ms vs ${zero?.p99Ms ?? '—'} ms); durable insert of ${rest.params.insertRows} rows ${rps(ins?.reqPerSec)} req/s = ${times(ins?.reqPerSec, get('insert', 'in-process', 'auto')?.reqPerSec)} the engine without HTTP, ${times(ins?.reqPerSec, get('insert', 'Hono floor')?.reqPerSec)} a bare Hono endpoint.`);
  }
  return lines;
}
