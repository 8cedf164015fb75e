// Load test of the REST server (not part of the unit suite):
//   npm run build && npx tsx test/load/rest-load.ts [--clients 200] [--seconds 60] [--dim 128]
// Starts `packages/server/dist/node/main.js` as a child process on a loopback port with a temp data
// folder, then runs N concurrent clients for S seconds, each looping over a mix of inserts (30%,
// 10 rows each, unique ids) and searches (70%, one query vector, top 10). Afterwards it checks
// that every acknowledged insert is present, and reports throughput, latency, errors, timeouts
// and the server's resident memory over the run. Exits 1 when any check fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '200' }, seconds: { type: 'string', default: '60' }, dim: { type: 'string', default: '128' } } });
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const DIM = Number(values.dim);
const PASSWORD = 'load_test_pw';
const AUTH = { Authorization: `Bearer root:${PASSWORD}` };
const REQUEST_TIMEOUT_MS = 30_000;

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function pct(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-load-'));
  const child = spawn(process.execPath, [join(import.meta.dirname, '../../packages/server/dist/node/main.js'), '--port', '0', '--data', dir], { env: { ...process.env, QUIVER_ROOT_PASSWORD: PASSWORD }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once('exit', (c) => fail(new Error(`server exited (${c}): ${out}`)));
  });
  const post = async (path: string, body: unknown): Promise<{ code: number; data?: any; message?: string }> => {
    const res = await fetch(`${url}/v2/vectordb/${path}`, { method: 'POST', headers: AUTH, body: JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as { code: number };
  };
  const vec = (): number[] => Array.from({ length: DIM }, () => Math.random() * 2 - 1);
  const created = await post('collections/create', { collectionName: 'load', dimension: DIM, metricType: 'L2' });
  if (created.code !== 0) throw new Error(`create: ${created.message}`);

  const acked: number[] = [];
  const lat = { insert: [] as number[], search: [] as number[] };
  let errors = 0;
  let timeouts = 0;
  const firstErrors: string[] = [];
  let nextId = 0;
  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(rssMiB(child.pid!)), 1000);
  const deadline = Date.now() + SECONDS * 1000;

  const worker = async (): Promise<void> => {
    while (Date.now() < deadline) {
      const insert = Math.random() < 0.3;
      const t0 = performance.now();
      try {
        if (insert) {
          const ids = Array.from({ length: 10 }, () => nextId++);
          const r = await post('entities/insert', { collectionName: 'load', data: ids.map((id) => ({ id, vector: vec() })) });
          if (r.code !== 0) throw new Error(`insert code ${r.code}: ${r.message}`);
          acked.push(...ids);
          lat.insert.push(performance.now() - t0);
        } else {
          const r = await post('entities/search', { collectionName: 'load', data: [vec()], limit: 10 });
          if (r.code !== 0) throw new Error(`search code ${r.code}: ${r.message}`);
          lat.search.push(performance.now() - t0);
        }
      } catch (e) {
        if ((e as Error).name === 'TimeoutError') timeouts++;
        else errors++;
        if (firstErrors.length < 5) firstErrors.push(String((e as Error).message));
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);

  // every acknowledged insert must be there
  const count = await post('entities/query', { collectionName: 'load', filter: '', outputFields: ['count(*)'] });
  let missing = 0;
  for (let i = 0; i < acked.length; i += 2000) {
    const chunk = acked.slice(i, i + 2000);
    const got = await post('entities/query', { collectionName: 'load', filter: `id in [${chunk.join(',')}]`, outputFields: ['id'], limit: chunk.length });
    missing += chunk.length - (got.data?.length ?? 0);
  }
  child.kill('SIGTERM');
  await new Promise((ok) => child.once('exit', ok));
  rmSync(dir, { recursive: true, force: true });

  for (const a of [lat.insert, lat.search]) a.sort((x, y) => x - y);
  const report = {
    clients: CLIENTS, seconds: Number(elapsed.toFixed(1)), dim: DIM,
    inserts: { requests: lat.insert.length, rows: acked.length, perSecond: Math.round(lat.insert.length / elapsed), p50ms: Number(pct(lat.insert, 50).toFixed(1)), p99ms: Number(pct(lat.insert, 99).toFixed(1)) },
    searches: { requests: lat.search.length, perSecond: Math.round(lat.search.length / elapsed), p50ms: Number(pct(lat.search, 50).toFixed(1)), p99ms: Number(pct(lat.search, 99).toFixed(1)) },
    errors, timeouts, firstErrors,
    rowsAfter: count.data?.[0]?.['count(*)'], ackedRows: acked.length, missingAcked: missing,
    serverRssMiB: { first: Math.round(rss[0] ?? NaN), max: Math.round(Math.max(...rss)), last: Math.round(rss[rss.length - 1] ?? NaN) },
  };
  console.log(JSON.stringify(report, null, 2));
  const ok = errors === 0 && timeouts === 0 && missing === 0 && report.rowsAfter === acked.length;
  console.log(ok ? 'PASS: no errors, no timeouts, every acknowledged insert present' : 'FAIL');
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
