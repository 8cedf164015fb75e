// rest: Quiver's REST server under autocannon, next to baselines measured in the same run.
// The server runs in its own process (rest-child.ts: startServer on a data folder, auth on), so
// autocannon, in this process, never shares its event loop. A collection of 10k × 128-d rows is
// built, flushed and indexed once; its folder is copied so that two servers can serve it, one
// opened with `queryWorkers: 0` (search on the HTTP thread) and one with `'auto'` (QueryNode
// worker threads, the server's default). Measured, with `connections` requests in flight:
//   - `entities/search` (nq = 1, top 10) over HTTP on each server, and the same engine without
//     HTTP: `client.call('entities/search', JSON.parse(sameText))` in the server's process;
//   - `entities/insert` (10 rows, fresh ids, durable: the WAL record is fsync'ed) over HTTP and in
//     process, on the 'auto' server, into a new collection each run, a fixed number of requests
//     (so that no run seals a segment: the index build would land on the next run);
//   - the HTTP floors, with the same request bodies: node:http alone, and a Hono app on
//     @hono/node-server (what the server is built on), each reading and parsing the JSON body and
//     sending a fixed real answer of the route (captured from the server first).
// Configurations take turns for several rounds after a warm-up each (best round kept; errors
// summed over all rounds). The server runs from the workspace sources, but its QueryNode threads
// start @quiver/node's compiled entry (dist/), so the suite runs `tsc -b` on core and node first.
import { type ChildProcess, execFile, fork } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { progress } from '../progress.js';
import { machine, type Machine, REPO_ROOT, writeResult } from '../results.js';
import { printTable, times, type SuiteOptions } from '../suite.js';
import type { ChildAnswer, ChildInfo, ChildReady, ChildRequest, ChildSpec } from './rest-child.js';
import { type Budget, DIM, INSERTED, INSERT_ROWS, insertBody, type LoadFigures, searchBodies, vectorTexts } from './rest-load.js';

const CHILD = fileURLToPath(new URL('./rest-child.ts', import.meta.url));
const PASSWORD = 'bench_password';
const HEADERS = { Authorization: `Bearer root:${PASSWORD}`, 'Content-Type': 'application/json' };
const DATA_SEED = 7;
const QUERY_SEED = 8;
const POOL_SEED = 9;
const QUERIES = 64;
const POOL = 64;

/** Who answered a run. */
export type RestTarget = 'node:http floor' | 'Hono floor' | 'REST' | 'in-process';

/** One configuration's rounds. */
export interface RestRun {
  readonly route: 'search' | 'insert';
  readonly target: RestTarget;
  /** The server's `queryWorkers` (REST and in-process runs). */
  readonly queryWorkers?: 0 | 'auto';
  readonly rounds: LoadFigures[];
}

/** The rest suite's result file. */
export interface RestResult {
  readonly suite: 'rest';
  readonly quick: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: Machine;
  readonly params: { readonly rows: number; readonly dim: number; readonly metric: 'L2'; readonly connections: number; readonly seconds: number; readonly warmupSeconds: number; readonly insertRequests: number; readonly rounds: number; readonly queries: number; readonly insertRows: number };
  /** What `auto` resolved to in the server process. */
  readonly autoWorkers: number;
  /** The query nodes each server had after its warm-up, as its coordinator saw them. */
  readonly queryNodes: { readonly zero: ChildInfo; readonly auto: ChildInfo };
  /** True when both servers over HTTP and both engines in process gave the same ids for every query. */
  readonly sameAnswer: boolean;
  /** Rows the REST and in-process insert runs (warm-ups included) got code 0 for, and the rows their collections held after each run. */
  readonly insertedRows: { readonly expected: number; readonly counted: number };
  readonly runs: RestRun[];
}

/** A request to a child, without its id. */
type Request = ChildRequest extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

/** A forked server process and its request channel. */
interface Child {
  readonly ready: ChildReady;
  ask(req: Request): Promise<unknown>;
  close(): Promise<void>;
}

function start(spec: ChildSpec): Promise<Child> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const proc: ChildProcess = fork(CHILD, [JSON.stringify(spec)], { cwd: REPO_ROOT, execArgv: ['--import', tsx, '--conditions=quiver-source'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  let next = 0;
  let exited: Error | null = null;
  return new Promise((ok, fail) => {
    proc.on('exit', (code) => {
      exited = new Error(`the ${spec.kind} server process exited (code ${code})`);
      fail(exited);
      for (const p of pending.values()) p.fail(exited);
      pending.clear();
    });
    proc.on('message', (m: ChildReady | ChildAnswer) => {
      if ('ready' in m) {
        ok({
          ready: m,
          ask: (req) => {
            if (exited) return Promise.reject(exited);
            const id = next++;
            return new Promise((res, rej) => {
              pending.set(id, { ok: res, fail: rej });
              proc.send({ ...req, id });
            });
          },
          close: async () => {
            if (exited) return;
            const gone = new Promise<void>((res) => proc.once('exit', () => res()));
            await new Promise<void>((res, rej) => {
              const id = next++;
              pending.set(id, { ok: () => res(), fail: rej });
              proc.send({ op: 'close', id });
            }).catch(() => undefined);
            await gone;
          },
        });
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.ok(m.value);
      else p.fail(new Error(m.error));
    });
  });
}

/**
 * autocannon on `url` with `connections`, each request's body from `body()`; a body not starting
 * with code 0 counts as an error. Requests/s is timed here, start to the last response: autocannon
 * ends a run on its next sample tick (every 1 s by default, 100 ms here), and its connections keep
 * sending until then.
 */
function cannon(url: string, connections: number, budget: Budget, body: () => string): Promise<LoadFigures> {
  let bad = 0;
  let responses = 0;
  let last = 0;
  const t0 = performance.now();
  return new Promise((ok, fail) => {
    autocannon(
      {
        url,
        connections,
        sampleInt: 100,
        ...('seconds' in budget ? { duration: budget.seconds } : { amount: budget.amount }),
        requests: [
          {
            method: 'POST',
            headers: HEADERS,
            setupRequest: (req) => ({ ...req, body: body() }),
            onResponse: (_s, text) => {
              responses++;
              last = performance.now();
              if (!text.startsWith('{"code":0')) bad++;
            },
          },
        ],
      },
      (err, r) => {
        if (err) return fail(err);
        const seconds = (last - t0) / 1000;
        // `errors` counts connection errors including timeouts.
        ok({ requests: responses, seconds, reqPerSec: responses / seconds, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors + r.non2xx + bad });
      },
    );
  });
}

function ids(answer: unknown): string {
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  return (JSON.parse(text) as { data: { id: number }[] }).data.map((d) => String(d.id)).join(',');
}

/** Runs the suite, prints tables and writes `rest[-quick].json`. */
export async function run(options: SuiteOptions): Promise<void> {
  const quick = options.quick;
  const rows = quick ? 2_000 : 10_000;
  const seconds = quick ? 0.5 : 5;
  const warmupSeconds = quick ? 0.25 : 1;
  const insertRequests = quick ? 300 : 5_000;
  const rounds = quick ? 1 : 3;
  const connections = 32;
  const startedAt = new Date().toISOString();
  console.log(`rest: Quiver's REST server (auth on, file://) under autocannon, ${rows.toLocaleString('en-US')} × ${DIM}-d rows, ${connections} connections, ${rounds} round${rounds === 1 ? '' : 's'} per configuration (search ${seconds} s, insert ${insertRequests.toLocaleString('en-US')} requests)${quick ? ' (--quick)' : ''}`);

  const barTsc = progress('tsc -b packages/core packages/node (the QueryNode threads run the built entry)', 1);
  await promisify(execFile)(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-b', 'packages/core', 'packages/node'], { cwd: REPO_ROOT });
  barTsc.done();

  const work = mkdtempSync(join(tmpdir(), 'quiver-bench-rest-'));
  const children: Child[] = [];
  const started = async (spec: ChildSpec): Promise<Child> => {
    const c = await start(spec);
    children.push(c);
    return c;
  };
  try {
    const zeroDir = join(work, 'zero');
    const autoDir = join(work, 'auto');
    const bar0 = progress(`build the collection (${rows.toLocaleString('en-US')} rows through client.call, flush, index)`, 1);
    const builder = await started({ kind: 'quiver', dir: zeroDir, queryWorkers: 'auto', password: PASSWORD });
    await builder.ask({ op: 'setup', rows, seed: DATA_SEED });
    await builder.close();
    cpSync(zeroDir, autoDir, { recursive: true });
    bar0.done();

    const zero = await started({ kind: 'quiver', dir: zeroDir, queryWorkers: 0, password: PASSWORD });
    const auto = await started({ kind: 'quiver', dir: autoDir, queryWorkers: 'auto', password: PASSWORD });
    const queries = vectorTexts(QUERY_SEED, QUERIES);
    const bodies = searchBodies(queries);
    const rest = async (c: Child, path: string, body: string): Promise<string> => {
      const res = await fetch(`${c.ready.urls['quiver']}/v2/vectordb/${path}`, { method: 'POST', headers: HEADERS, body });
      return res.text();
    };
    // Every query once on each server, over HTTP and in process (also loads the segments into the query nodes).
    let sameAnswer = true;
    for (const body of bodies) {
      const answers = [await rest(zero, 'entities/search', body), await rest(auto, 'entities/search', body), await zero.ask({ op: 'search', body }), await auto.ask({ op: 'search', body })].map(ids);
      if (answers.some((a) => a !== answers[0]) || answers[0].split(',').length !== 10) sameAnswer = false;
    }
    const queryNodes = { zero: (await zero.ask({ op: 'info' })) as ChildInfo, auto: (await auto.ask({ op: 'info' })) as ChildInfo };
    const pool = vectorTexts(POOL_SEED, POOL);
    let nextId = 0;
    const insertText = (): string => {
      const text = insertBody(INSERTED, nextId, pool);
      nextId += INSERT_ROWS;
      return text;
    };
    await auto.ask({ op: 'reset' });
    const responses = { 'entities/search': await rest(zero, 'entities/search', bodies[0]), 'entities/insert': await rest(auto, 'entities/insert', insertText()) };
    for (const [path, text] of Object.entries(responses)) if (!text.startsWith('{"code":0')) throw new Error(`${path} failed: ${text.slice(0, 300)}`);
    const floor = await started({ kind: 'floor', responses });

    let q = 0;
    const searchText = (): string => bodies[q++ % bodies.length];
    // Inserts go to a new collection each run (made when the engine is idle) and stop after a
    // number of requests, so that no run seals a segment and starts an index build that the next
    // configuration's run would pay for; the rows counted after each run are checked.
    let expectedRows = 0;
    let countedRows = 0;
    const countRows = async (): Promise<void> => {
      const stats = JSON.parse(await rest(auto, 'collections/get_stats', JSON.stringify({ collectionName: INSERTED }))) as { data?: { rowCount?: number } };
      countedRows += stats.data?.rowCount ?? 0;
    };
    type Config = { run: Omit<RestRun, 'rounds'>; measure: (b: Budget) => Promise<LoadFigures> };
    const http = (c: Child, key: string, path: string, body: () => string) => (b: Budget) => cannon(`${c.ready.urls[key]}/v2/vectordb/${path}`, connections, b, body);
    const searchInProcess = (c: Child) => async (budget: Budget): Promise<LoadFigures> => (await c.ask({ op: 'load', route: 'search', querySeed: QUERY_SEED, queries: QUERIES, inflight: connections, budget })) as LoadFigures;
    const inserting = (measure: (b: Budget) => Promise<LoadFigures>) => async (b: Budget): Promise<LoadFigures> => {
      await auto.ask({ op: 'reset' });
      const f = await measure(b);
      expectedRows += (f.requests - f.errors) * INSERT_ROWS;
      await countRows();
      return f;
    };
    const insertInProcess = async (budget: Budget): Promise<LoadFigures> => {
      const f = (await auto.ask({ op: 'load', route: 'insert', poolSeed: POOL_SEED, pool: POOL, firstId: nextId, inflight: connections, budget })) as LoadFigures;
      nextId += f.requests * INSERT_ROWS;
      return f;
    };
    const searchBudget: Budget = { seconds };
    const insertBudget: Budget = { amount: insertRequests };
    const groups: { budget: Budget; warmup: Budget; configs: Config[] }[] = [
      {
        budget: searchBudget,
        warmup: { seconds: warmupSeconds },
        configs: [
          { run: { route: 'search', target: 'node:http floor' }, measure: http(floor, 'node:http', 'entities/search', searchText) },
          { run: { route: 'search', target: 'Hono floor' }, measure: http(floor, 'hono', 'entities/search', searchText) },
          { run: { route: 'search', target: 'REST', queryWorkers: 0 }, measure: http(zero, 'quiver', 'entities/search', searchText) },
          { run: { route: 'search', target: 'in-process', queryWorkers: 0 }, measure: searchInProcess(zero) },
          { run: { route: 'search', target: 'REST', queryWorkers: 'auto' }, measure: http(auto, 'quiver', 'entities/search', searchText) },
          { run: { route: 'search', target: 'in-process', queryWorkers: 'auto' }, measure: searchInProcess(auto) },
        ],
      },
      {
        budget: insertBudget,
        warmup: { amount: Math.max(connections * 2, Math.ceil(insertRequests / 10)) },
        configs: [
          { run: { route: 'insert', target: 'node:http floor' }, measure: http(floor, 'node:http', 'entities/insert', insertText) },
          { run: { route: 'insert', target: 'Hono floor' }, measure: http(floor, 'hono', 'entities/insert', insertText) },
          { run: { route: 'insert', target: 'REST', queryWorkers: 'auto' }, measure: inserting(http(auto, 'quiver', 'entities/insert', insertText)) },
          { run: { route: 'insert', target: 'in-process', queryWorkers: 'auto' }, measure: inserting(insertInProcess) },
        ],
      },
    ];
    const runs: RestRun[] = [];
    const bar = progress(`load runs (${groups.map((g) => `${g.configs.length} ${g.configs[0].run.route} configurations`).join(', ')}; warm-up, then ${rounds} rounds taking turns)`, groups.reduce((s, g) => s + g.configs.length * (rounds + 1), 0));
    for (const group of groups) {
      for (const c of group.configs) {
        await c.measure(group.warmup);
        bar.tick();
      }
      const measured = group.configs.map((c) => ({ ...c.run, rounds: [] as LoadFigures[] }));
      for (let r = 0; r < rounds; r++) {
        for (let i = 0; i < group.configs.length; i++) {
          measured[i].rounds.push(await group.configs[i].measure(group.budget));
          bar.tick();
        }
      }
      runs.push(...measured);
    }
    bar.done();

    const result: RestResult = {
      suite: 'rest',
      quick,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: machine(),
      params: { rows, dim: DIM, metric: 'L2', connections, seconds, warmupSeconds, insertRequests, rounds, queries: QUERIES, insertRows: INSERT_ROWS },
      autoWorkers: auto.ready.queryWorkers,
      queryNodes,
      sameAnswer,
      insertedRows: { expected: expectedRows, counted: countedRows },
      runs,
    };
    for (const t of restTables(result)) {
      console.log(`\n${t.title}`);
      printTable(t.header, t.rows);
    }
    console.log(`\nresults: ${writeResult(options.out, 'rest', quick, result)}`);
  } finally {
    for (const c of children) await c.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

/** The round with the most requests/s, and the errors and requests of every round. */
export function best(run: RestRun): LoadFigures & { readonly allErrors: number; readonly allRequests: number } {
  const top = run.rounds.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a));
  return { ...top, allErrors: run.rounds.reduce((s, r) => s + r.errors, 0), allRequests: run.rounds.reduce((s, r) => s + r.requests, 0) };
}

/** A run's label in the tables. */
export function restLabel(r: RestResult, run: RestRun): string {
  const workers = run.queryWorkers === undefined ? '' : run.queryWorkers === 0 ? ', 0 query workers' : `, query workers auto (${r.autoWorkers})`;
  if (run.target === 'REST') return `Quiver REST${workers}`;
  if (run.target === 'in-process') return `Quiver engine in process, no HTTP${workers}`;
  return run.target === 'node:http floor' ? 'node:http floor (parse body, fixed answer)' : 'Hono floor (parse body, fixed answer)';
}

/** The rest tables (console and docs/benchmarks.md): one per route, each figure with its ratios to the same run's baselines; then what the servers had. */
export function restTables(r: RestResult): { title: string; header: string[]; rows: string[][] }[] {
  const p = r.params;
  const find = (route: RestRun['route'], target: RestTarget, workers?: 0 | 'auto') => r.runs.find((x) => x.route === route && x.target === target && x.queryWorkers === workers);
  const fig = (run: RestRun | undefined) => (run ? best(run) : undefined);
  const rps = (v: number) => Math.round(v).toLocaleString('en-US');
  // autocannon's latencies are whole ms; the in-process ones are not.
  const ms = (v: number) => (!Number.isFinite(v) ? '—' : Number.isInteger(v) || v >= 10 ? v.toFixed(0) : v.toFixed(2));
  const pair = (f: LoadFigures, x: LoadFigures | undefined) => (x ? `${times(f.p50Ms, x.p50Ms)}, ${times(f.p99Ms, x.p99Ms)}` : '—');
  const rounds = `best of ${p.rounds} round${p.rounds === 1 ? '' : 's'}, configurations taking turns, each after a warm-up`;
  const ratios = '× in-process = over the same server\'s engine called without HTTP (REST rows); × Hono floor, × node:http floor = over the bare HTTP servers given the same request bodies; latency ratios are p50, p99';
  const tables: { title: string; header: string[]; rows: string[][] }[] = [];
  for (const route of ['search', 'insert'] as const) {
    const runs = r.runs.filter((x) => x.route === route);
    if (runs.length === 0) continue;
    const byWorkers = route === 'search';
    const what = route === 'search' ? `search: nq 1, top 10, ${p.seconds} s per round (${rounds}); × 0 workers = query workers auto over 0, same path` : `insert: ${p.insertRows} rows per request, durable, ${p.insertRequests.toLocaleString('en-US')} requests per round into a new collection (${rounds})`;
    tables.push({
      title: `REST ${what}. ${p.connections} requests in flight; ${p.rows.toLocaleString('en-US')} × ${p.dim}-d rows on file://, auth on. ${ratios}. Errors and requests: all rounds.`,
      header: ['server', 'req/s', '× in-process', '× Hono floor', '× node:http floor', ...(byWorkers ? ['× 0 workers'] : []), 'p50 ms', 'p99 ms', 'latency × in-process', 'latency × Hono floor', ...(byWorkers ? ['latency × 0 workers'] : []), 'errors', 'requests'],
      rows: runs.map((run) => {
        const f = best(run);
        const inProc = run.target === 'REST' ? fig(find(route, 'in-process', run.queryWorkers)) : undefined;
        const zero = byWorkers && run.queryWorkers === 'auto' ? fig(find(route, run.target, 0)) : undefined;
        const hono = fig(find(route, 'Hono floor'));
        const plain = fig(find(route, 'node:http floor'));
        return [
          restLabel(r, run),
          rps(f.reqPerSec),
          times(f.reqPerSec, inProc?.reqPerSec),
          times(f.reqPerSec, hono?.reqPerSec),
          times(f.reqPerSec, plain?.reqPerSec),
          ...(byWorkers ? [times(f.reqPerSec, zero?.reqPerSec)] : []),
          ms(f.p50Ms),
          ms(f.p99Ms),
          pair(f, inProc),
          pair(f, hono),
          ...(byWorkers ? [pair(f, zero)] : []),
          String(f.allErrors),
          f.allRequests.toLocaleString('en-US'),
        ];
      }),
    });
  }
  const qn = (i: ChildInfo) => (i.nodes === 0 ? 'none: search on the HTTP thread' : `${i.nodes} query node${i.nodes === 1 ? '' : 's'}, ${i.ready} of ${i.segments} segment${i.segments === 1 ? '' : 's'} loaded, ${i.rows.toLocaleString('en-US')} rows, ${i.failures} failures`);
  tables.push({
    title: 'REST: the servers measured, and checks',
    header: ['', 'value'],
    rows: [
      ['queryWorkers 0', qn(r.queryNodes.zero)],
      [`queryWorkers auto (${r.autoWorkers} on ${r.machine.cores} cores)`, qn(r.queryNodes.auto)],
      [`same ids for all ${p.queries} queries (both servers, over HTTP and in process)`, r.sameAnswer ? 'yes' : 'NO'],
      ['rows the insert runs got code 0 for / rows counted after each run', `${r.insertedRows.expected.toLocaleString('en-US')} / ${r.insertedRows.counted.toLocaleString('en-US')}`],
    ],
  });
  return tables;
}
