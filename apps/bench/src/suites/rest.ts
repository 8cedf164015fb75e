// rest: the REST server under autocannon. Starts the server in this process on a loopback port
// (memory storage, auth on), loads 10k × 128-d vectors, then drives `entities/search` (top 10,
// one query vector) and `entities/insert` (10 rows, fresh ids) for a fixed time each and reports
// req/s, p50/p99 latency and errors (HTTP errors, timeouts and Milvus codes ≠ 0).
// Needs a build first (`npm run build`): the engine is loaded from the packages' dist.
import autocannon from 'autocannon';
import { startServer } from '../../../../packages/server/src/node/index.js';
import type { SuiteOptions } from '../suite.js';
import { rng } from '../suite.js';

const DIM = 128;
const PASSWORD = 'bench_password';
const HEADERS = { Authorization: `Bearer root:${PASSWORD}`, 'Content-Type': 'application/json' };

interface Figures {
  name: string;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

function cannon(opts: autocannon.Options, name: string, badCodes: { n: number }): Promise<Figures> {
  return new Promise((ok, fail) => {
    autocannon(opts, (err, r) => {
      if (err) return fail(err);
      ok({ name, requests: r.requests.total, reqPerSec: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx + badCodes.n });
    });
  });
}

export async function run(options: SuiteOptions): Promise<void> {
  const rows = options.quick ? 2_000 : 10_000;
  const seconds = options.quick ? 3 : 15;
  const random = rng(7);
  const vec = (): number[] => Array.from({ length: DIM }, () => random() * 2 - 1);
  const server = await startServer({ port: 0, data: 'memory', rootPassword: PASSWORD });
  try {
    const post = async (path: string, body: unknown): Promise<{ code: number; message?: string }> => {
      const res = await fetch(`${server.url}/v2/vectordb/${path}`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) });
      return (await res.json()) as { code: number; message?: string };
    };
    const created = await post('collections/create', { collectionName: 'bench', dimension: DIM, metricType: 'L2' });
    if (created.code !== 0) throw new Error(created.message);
    for (let i = 0; i < rows; i += 1_000) {
      const r = await post('entities/insert', { collectionName: 'bench', data: Array.from({ length: 1_000 }, (_, k) => ({ id: i + k, vector: vec() })) });
      if (r.code !== 0) throw new Error(r.message);
    }
    await post('collections/flush', { collectionName: 'bench' });
    await server.client.waitForIdle();

    const queries = Array.from({ length: 64 }, () => JSON.stringify({ collectionName: 'bench', data: [vec()], limit: 10 }));
    const searchBad = { n: 0 };
    let q = 0;
    const search = await cannon({
      url: `${server.url}/v2/vectordb/entities/search`, connections: 32, duration: seconds,
      requests: [{ method: 'POST', headers: HEADERS, setupRequest: (req) => ({ ...req, body: queries[q++ % queries.length] }), onResponse: (_s, body) => { if (!body.startsWith('{"code":0')) searchBad.n++; } }],
    }, 'search (nq=1, top 10)', searchBad);

    let nextId = rows;
    const insertBad = { n: 0 };
    const insert = await cannon({
      url: `${server.url}/v2/vectordb/entities/insert`, connections: 32, duration: seconds,
      requests: [{ method: 'POST', headers: HEADERS, setupRequest: (req) => ({ ...req, body: JSON.stringify({ collectionName: 'bench', data: Array.from({ length: 10 }, () => ({ id: nextId++, vector: vec() })) }) }), onResponse: (_s, body) => { if (!body.startsWith('{"code":0')) insertBad.n++; } }],
    }, 'insert (10 rows)', insertBad);

    console.log(`rest: ${rows} × ${DIM}-d vectors, ${seconds} s per run, 32 connections, auth on`);
    console.log('run'.padEnd(24), 'req/s'.padStart(8), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'errors'.padStart(8));
    for (const f of [search, insert]) console.log(f.name.padEnd(24), String(f.reqPerSec).padStart(8), String(f.p50).padStart(8), String(f.p99).padStart(8), String(f.errors).padStart(8));
    console.log(JSON.stringify({ suite: 'rest', rows, dim: DIM, seconds, results: [search, insert] }));
  } finally {
    await server.close();
  }
}
