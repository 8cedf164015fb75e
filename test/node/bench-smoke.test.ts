// Smoke test of the benchmark CLI (apps/bench): `ann --quick` runs end to end on small data and
// prints well-formed tables and a well-formed result file, and `report` turns that file into
// markdown and SVG. Benchmarks themselves are never part of the test command: this checks that
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
});
