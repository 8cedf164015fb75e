// Smoke test of the benchmark CLI (apps/bench): `ann --quick` runs end to end on small data and
// prints well-formed tables and a well-formed result file, and `report` turns that file into
// markdown and SVG; `rest --quick` measures the REST server next to its baselines and the report
// renders it; the suites with a Chromium half (`browser`, `ingest`, `open`) run theirs in
// headless Chromium through the benchmark page (apps/bench/page). Benchmarks themselves are never part of the test command: this checks that
// they run and that their figures are sane (brute force agrees with the independent ground
// truth; HNSW recall is high), not how fast anything is.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const TSX = createRequire(import.meta.url).resolve('tsx/cli');

async function bench(...args: string[]): Promise<{ stdout: string; stderr: string; ms: number }> {
  const t0 = performance.now();
  const r = await exec(process.execPath, [TSX, '--conditions=quiver-source', join(ROOT, 'apps/bench/src/cli.ts'), ...args], { cwd: ROOT, maxBuffer: 16 << 20, timeout: 170_000 });
  return { ...r, ms: performance.now() - t0 };
}

interface Point {
  ef: number | null;
  recall: number;
  qps: number;
  queries: number;
}
interface Engine {
  name: string;
  status: string;
  reason?: string;
  points: Point[];
  build?: { buildMs: number; indexBytes: number | null };
}

describe('bench --quick', () => {
  const out = mkdtempSync(join(tmpdir(), 'quiver-bench-smoke-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('ann --quick prints tables and writes a well-formed result; report renders it', async () => {
    const { stdout, ms } = await bench('ann', '--quick', '--out', out);
    console.log(`bench ann --quick: ${(ms / 1000).toFixed(1)} s`);
    expect(stdout).toMatch(/^ann: recall@10 and QPS/m);
    expect(stdout).toMatch(/QPS at equal recall@10/);
    expect(stdout).toMatch(/hnswlib-node .* \(native\)\s+HNSW/);
    const file = join(out, 'ann-quick.json');
    expect(stdout).toContain(`results: ${file}`);
    const result = JSON.parse(readFileSync(file, 'utf8')) as { quick: boolean; machine: { cores: number }; datasets: { name: string; metric: string; engines: Engine[] }[] };
    expect(result.quick).toBe(true);
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.datasets.map((d) => d.metric)).toEqual(['COSINE', 'L2']);
    for (const d of result.datasets) {
      const byName = (prefix: string) => d.engines.find((e) => e.name.startsWith(prefix));
      for (const e of d.engines) {
        expect(['ok', 'failed', 'over budget', 'not applicable'], `${d.name} ${e.name}`).toContain(e.status);
        if (e.status !== 'ok') expect(e.reason, `${d.name} ${e.name}: a reason`).toBeTruthy();
        for (const p of e.points) {
          expect(p.recall).toBeGreaterThanOrEqual(0);
          expect(p.recall).toBeLessThanOrEqual(1);
          expect(p.qps).toBeGreaterThan(0);
          expect(p.queries).toBeGreaterThan(0);
        }
      }
      // Our engines and the baselines must run; peers may fail, but then with a reason (above).
      for (const name of ['hnswlib-node', 'quiver AnnIndex (wasm HNSW)', 'quiver public API', 'brute force', 'quiver AnnIndex FLAT']) {
        const e = byName(name);
        expect(e?.status, `${d.name}: ${name} ${e?.reason ?? ''}`).toBe('ok');
        expect(e!.points.length).toBeGreaterThan(0);
      }
      // Two independent exact scans agree (the engine's brute force and the ground truth).
      expect(byName('brute force')!.points[0].recall).toBe(1);
      expect(byName('quiver AnnIndex FLAT')!.points[0].recall).toBeGreaterThanOrEqual(0.999);
      for (const name of ['hnswlib-node', 'quiver AnnIndex (wasm HNSW)', 'quiver public API']) {
        const e = byName(name)!;
        expect(Math.max(...e.points.map((p) => p.recall)), `${d.name}: ${name} recall`).toBeGreaterThan(0.95);
        expect(e.build!.indexBytes).toBeGreaterThan(0);
      }
    }

    // report: reads <out>/ann.json (full runs only), writes markdown and one SVG per dataset.
    const full = join(out, 'as-full');
    mkdirSync(full);
    copyFileSync(file, join(full, 'ann.json'));
    const docs = join(out, 'docs');
    await bench('report', '--out', full, '--docs', docs);
    const md = readFileSync(join(docs, 'benchmarks.md'), 'utf8');
    expect(md).toMatch(/^# Benchmarks/);
    for (const d of result.datasets) {
      expect(md).toContain(`### ${d.name}`);
      const svg = readFileSync(join(docs, 'benchmarks', `ann-${d.name}.svg`), 'utf8');
      expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg.trim().endsWith('</svg>')).toBe(true);
      expect(svg).toContain('<polyline');
    }
    expect(md).toMatch(/\| engine \| QPS @ ≥0.9 \|/);
    expect(existsSync(join(docs, 'benchmarks', 'filter-1pct.svg'))).toBe(false);
  }, 180_000);

  it('browser --quick runs the ann suite in Chromium with every query-worker configuration; report renders it', async () => {
    const dir = join(out, 'chromium');
    const { ms } = await bench('browser', '--quick', '--out', dir);
    console.log(`bench browser --quick: ${(ms / 1000).toFixed(1)} s`);
    const browser = JSON.parse(readFileSync(join(dir, 'browser-quick.json'), 'utf8')) as { chromium: { status: string; reason?: string }; params: { workers: number[]; inflight: number[] }; dataset: { engines: (Engine & { workers?: number; inflight?: number })[] } };
    expect(browser.chromium.status, browser.chromium.reason).toBe('ok');
    const engines = browser.dataset.engines;
    for (const e of engines) expect(e.status, `${e.name}: ${e.reason ?? ''}`).toBe('ok');
    // The page's exact scan agrees with the ground truth computed in Node.
    expect(engines.find((e) => e.name.startsWith('brute force'))!.points[0].recall).toBe(1);
    for (const prefix of ['hnswlib-node', 'quiver AnnIndex (wasm HNSW)']) expect(Math.max(...engines.find((e) => e.name.startsWith(prefix))!.points.map((p) => p.recall)), prefix).toBeGreaterThan(0.95);
    const configs = engines.filter((e) => e.workers !== undefined);
    expect(configs.map((e) => `${e.workers}/${e.inflight}`)).toEqual(browser.params.workers.flatMap((w) => browser.params.inflight.map((c) => `${w}/${c}`)));
    for (const e of configs) expect(Math.max(...e.points.map((p) => p.recall)), e.name).toBeGreaterThan(0.95);

    const full = join(dir, 'as-full');
    mkdirSync(full);
    copyFileSync(join(dir, 'browser-quick.json'), join(full, 'browser.json'));
    const docs = join(dir, 'docs');
    await bench('report', '--out', full, '--docs', docs);
    expect(readFileSync(join(docs, 'benchmarks.md'), 'utf8')).toMatch(/^## browser — /m);
    expect(readFileSync(join(docs, 'benchmarks', 'browser.svg'), 'utf8')).toContain('<polyline');
  }, 120_000);

  it('rest --quick measures the REST server next to its baselines; report renders it', async () => {
    const dir = join(out, 'rest');
    const { stdout, ms } = await bench('rest', '--quick', '--out', dir);
    console.log(`bench rest --quick: ${(ms / 1000).toFixed(1)} s`);
    expect(stdout).toMatch(/^REST search: /m);
    expect(stdout).toMatch(/^REST insert: /m);
    interface Figures { requests: number; reqPerSec: number; p50Ms: number; p99Ms: number; errors: number }
    const rest = JSON.parse(readFileSync(join(dir, 'rest-quick.json'), 'utf8')) as {
      params: { rounds: number };
      autoWorkers: number;
      queryNodes: { zero: { nodes: number }; auto: { nodes: number; segments: number; ready: number; failures: number } };
      sameAnswer: boolean;
      insertedRows: { expected: number; counted: number };
      runs: { route: string; target: string; queryWorkers?: number | string; rounds: Figures[] }[];
    };
    expect(rest.runs.map((r) => `${r.route} ${r.target} ${r.queryWorkers ?? '-'}`)).toEqual([
      'search node:http floor -', 'search Hono floor -', 'search REST 0', 'search in-process 0', 'search REST auto', 'search in-process auto',
      'insert node:http floor -', 'insert Hono floor -', 'insert REST auto', 'insert in-process auto',
    ]);
    for (const r of rest.runs) {
      expect(r.rounds).toHaveLength(rest.params.rounds);
      for (const f of r.rounds) {
        expect(f.errors, `${r.route} ${r.target} ${r.queryWorkers ?? ''}`).toBe(0);
        expect(f.requests).toBeGreaterThan(0);
        expect(f.reqPerSec).toBeGreaterThan(0);
        expect(f.p99Ms).toBeGreaterThanOrEqual(f.p50Ms);
      }
    }
    // Both servers, over HTTP and in process, found the same ten ids; every acknowledged insert is counted.
    expect(rest.sameAnswer).toBe(true);
    expect(rest.insertedRows.expected).toBeGreaterThan(0);
    expect(rest.insertedRows.counted).toBe(rest.insertedRows.expected);
    // 'auto' searched in QueryNode threads that had loaded every segment; 0 in none.
    expect(rest.autoWorkers).toBeGreaterThan(0);
    expect(rest.queryNodes.zero.nodes).toBe(0);
    expect(rest.queryNodes.auto.nodes).toBeGreaterThan(0);
    expect(rest.queryNodes.auto.ready).toBe(rest.queryNodes.auto.segments);
    expect(rest.queryNodes.auto.failures).toBe(0);

    const full = join(dir, 'as-full');
    mkdirSync(full);
    copyFileSync(join(dir, 'rest-quick.json'), join(full, 'rest.json'));
    const docs = join(dir, 'docs');
    await bench('report', '--out', full, '--docs', docs);
    const md = readFileSync(join(docs, 'benchmarks.md'), 'utf8');
    expect(md).toMatch(/^## rest — /m);
    expect(md).toMatch(/^\| Quiver REST, query workers auto \(\d+\) \| [\d,]+ \| [\d.]+× \|/m);
    expect(md).not.toContain('Not measured yet');
  }, 120_000);

  // The Chromium halves of ingest and open, called on the benchmark page directly with tiny data
  // (the whole suites at --quick size take a minute more than this file should).
  it('the benchmark page runs the Chromium halves of ingest and open', async () => {
    const { inBrowser } = await import('../../apps/bench/src/browser/driver.js');
    const { loadDataset } = await import('../../apps/bench/src/data/dataset.js');
    const ds = loadDataset({ kind: 'clustered', metric: 'L2', seed: 3, n: 600, nq: 5, dim: 16, clusters: 4, spread: 4 }, join(out, 'tiny'), 10);
    const hnsw = { M: 16, efConstruction: 100 };
    const r = await inBrowser(async (b) => {
      const data = await b.serve(ds, Int32Array.from({ length: ds.n }, (_, i) => i % 100));
      const ingest = await b.call('ingest', { data, hnsw, plan: [[1, 20], [100, ds.n]], timeCapMs: 5000 });
      const profile = await b.profile();
      const first = await b.launch(profile);
      const persisted = await first.call('persist', { data, hnsw, name: 'smoke', collection: 'bench' }).finally(() => first.close());
      const cold = await b.launch(profile, `?cold=smoke&collection=bench&dim=${ds.dim}`);
      await cold.close();
      return { ingest, persisted, cold: cold.cold };
    });
    expect(r.status, r.status === 'failed' ? r.reason : '').toBe('ok');
    if (r.status !== 'ok') return;
    const { ingest, persisted, cold } = r.value;
    expect(ingest.inserts.map((i) => `${i.target} ${i.batch} ${i.rows}`)).toEqual(['IndexedDB floor 1 20', 'idb:// 1 20', 'memory:// 1 20', 'IndexedDB floor 100 600', 'idb:// 100 600', 'memory:// 100 600']);
    expect(ingest.build.indexMs).toBeGreaterThan(0);
    expect(ingest.build.annIndexBuildMs).toBeGreaterThan(0);
    expect(persisted.bytes.indexes).toBeGreaterThan(0);
    expect(persisted.warmIds).toHaveLength(10);
    // A new browser process on the same profile finds the collection and gives the same answer.
    expect(cold).toMatchObject({ mode: 'quiver', ids: persisted.warmIds });
  }, 60_000);
});
