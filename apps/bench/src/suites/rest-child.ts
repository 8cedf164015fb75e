// A server process of the rest suite, forked by rest.ts (`node --import tsx
// --conditions=quiver-source rest-child.ts <json>`), so that autocannon's client never shares an
// event loop with the server it measures. Two kinds:
//   {"kind":"quiver","dir":…,"queryWorkers":0|"auto","password":…}: Quiver's REST server
//     (startServer, auth on) on a data folder. On request it also loads it, and measures the same
//     engine without HTTP: `client.call` with the same request text, parsed, the same number in
//     flight, while the HTTP side is idle.
//   {"kind":"floor","responses":{path: answer}}: the HTTP floors, each answering a POST by reading
//     and parsing the JSON body and sending the fixed answer of its path (a real answer of the
//     Quiver server): node:http alone, and a Hono app on @hono/node-server as the server is built.
// It tells the parent `{ ready }` through IPC, then answers `{ id, op, … }` requests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { defaultQueryThreads } from '@quiver/node';
import { startServer, type RunningServer } from '../../../../packages/server/src/node/index.js';
import { type Budget, DIM, inflightLoad, INSERTED, INSERT_ROWS, insertBody, type LoadFigures, SEARCHED, searchBodies, vectorTexts } from './rest-load.js';

/** How the parent starts a child. */
export type ChildSpec = { readonly kind: 'quiver'; readonly dir: string; readonly queryWorkers: number | 'auto'; readonly password: string } | { readonly kind: 'floor'; readonly responses: Readonly<Record<string, string>> };

/** What a child says once it listens. */
export type ChildReady = { readonly ready: true; readonly urls: Readonly<Record<string, string>>; readonly queryWorkers: number };

/** A request to a quiver child. */
export type ChildRequest =
  | { readonly id: number; readonly op: 'setup'; readonly rows: number; readonly seed: number }
  | { readonly id: number; readonly op: 'info' }
  | { readonly id: number; readonly op: 'search'; readonly body: string }
  | { readonly id: number; readonly op: 'load'; readonly route: 'search'; readonly querySeed: number; readonly queries: number; readonly inflight: number; readonly budget: Budget }
  | { readonly id: number; readonly op: 'load'; readonly route: 'insert'; readonly poolSeed: number; readonly pool: number; readonly firstId: number; readonly inflight: number; readonly budget: Budget }
  | { readonly id: number; readonly op: 'reset' }
  | { readonly id: number; readonly op: 'close' };

/** A child's answer. */
export type ChildAnswer = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/** What `info` answers: the query nodes as the coordinator sees them. */
export interface ChildInfo {
  readonly nodes: number;
  readonly segments: number;
  readonly ready: number;
  readonly rows: number;
  readonly failures: number;
}

function send(message: ChildReady | ChildAnswer): void {
  process.send?.(message);
}

function listen(server: Server): Promise<string> {
  server.on('connection', (socket: Socket) => socket.setNoDelay(true));
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

async function floors(responses: Readonly<Record<string, string>>): Promise<void> {
  const answer = (path: string): string => responses[path.replace(/^\/v2\/vectordb\//, '')] ?? '{"code":0,"data":{}}';
  const plain = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(answer(req.url ?? ''));
    });
  });
  const app = new Hono();
  app.post('*', async (c) => {
    await c.req.json();
    return c.body(answer(c.req.path), 200, { 'Content-Type': 'application/json' });
  });
  const hono = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  const urls = { 'node:http': await listen(plain), hono: await listen(hono) };
  send({ ready: true, urls, queryWorkers: 0 });
  process.on('message', (m: ChildRequest) => {
    if (m.op === 'close') {
      plain.closeAllConnections();
      hono.closeAllConnections();
      plain.close();
      hono.close();
      send({ id: m.id, ok: true, value: null });
      process.disconnect();
    } else send({ id: m.id, ok: false, error: `a floor child does not do ${m.op}` });
  });
}

async function quiver(spec: Extract<ChildSpec, { kind: 'quiver' }>): Promise<void> {
  const server: RunningServer = await startServer({ port: 0, data: spec.dir, rootPassword: spec.password, queryWorkers: spec.queryWorkers });
  const client = server.client;
  const call = async (route: 'entities/search' | 'entities/insert', text: string): Promise<unknown> => client.call(route, JSON.parse(text) as never);
  const handle = async (m: ChildRequest): Promise<unknown> => {
    switch (m.op) {
      case 'setup': {
        await client.call('collections/create', { collectionName: SEARCHED, dimension: DIM, metricType: 'L2' });
        const vectors = vectorTexts(m.seed, m.rows);
        for (let i = 0; i < m.rows; i += 1000) {
          const rows = vectors.slice(i, i + 1000).map((v, k) => `{"id":${i + k},"vector":${v}}`);
          await call('entities/insert', `{"collectionName":"${SEARCHED}","data":[${rows.join(',')}]}`);
        }
        await client.call('collections/flush', { collectionName: SEARCHED });
        await client.waitForIdle();
        return null;
      }
      case 'reset': {
        // A new, empty insert collection, once the engine has nothing left to do.
        await client.waitForIdle();
        if ((await client.call('collections/has', { collectionName: INSERTED })).data.has) await client.call('collections/drop', { collectionName: INSERTED });
        await client.call('collections/create', { collectionName: INSERTED, dimension: DIM, metricType: 'L2' });
        await client.waitForIdle();
        return null;
      }
      case 'info': {
        const q = await client.queryNodes();
        const info: ChildInfo = { nodes: q.nodes.length, segments: q.nodes.reduce((s, n) => s + n.segments, 0), ready: q.nodes.reduce((s, n) => s + n.ready, 0), rows: q.nodes.reduce((s, n) => s + n.rows, 0), failures: q.failures.length };
        return info;
      }
      case 'search':
        return call('entities/search', m.body);
      case 'load': {
        let figures: LoadFigures;
        if (m.route === 'search') {
          const bodies = searchBodies(vectorTexts(m.querySeed, m.queries));
          figures = await inflightLoad(async (t) => void (await call('entities/search', t)), (i) => bodies[i % bodies.length], m.inflight, m.budget);
        } else {
          const pool = vectorTexts(m.poolSeed, m.pool);
          figures = await inflightLoad(async (t) => void (await call('entities/insert', t)), (i) => insertBody(INSERTED, m.firstId + i * INSERT_ROWS, pool), m.inflight, m.budget);
        }
        return figures;
      }
      case 'close':
        await server.close();
        return null;
    }
  };
  process.on('message', (m: ChildRequest) => {
    handle(m).then(
      (value) => {
        send({ id: m.id, ok: true, value });
        if (m.op === 'close') process.disconnect();
      },
      (e: unknown) => send({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
    );
  });
  send({ ready: true, urls: { quiver: server.url }, queryWorkers: spec.queryWorkers === 'auto' ? defaultQueryThreads() : spec.queryWorkers });
}

const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
(spec.kind === 'floor' ? floors(spec.responses) : quiver(spec)).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
