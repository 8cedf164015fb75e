// The Worker: Quiver's stateless Proxy on Cloudflare. It answers unknown routes, missing
// credentials and oversized or malformed bodies itself; asks the root object to authenticate the
// caller, check the route's privilege and that the target database exists; then forwards the
// request to the object that owns it: `root` for users, roles and databases, `db:<name>` for
// everything inside a database.
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { credentials } from '../auth.js';
import { failure, HttpCode, HttpFailure, int64Mode, jsonResponse, readJsonBody } from '../envelope.js';
import { DOCS_PAGE, HOME_PAGE } from '../openapi.js';
import { ROUTE_TABLE, type RouteSpec } from '../routes.js';
import { readConfig, type QuiverEnv } from './config.js';
import type { AuthorizeRequest } from './durable-object.js';
import { MIRRORED_ROUTES, type ShardLayout } from './layout.js';
import { callObject, CLIENT_HEADER, COLLECTION_HEADER, databaseObject, LAYOUT_HEADER, ROOT_OBJECT } from './objects.js';
import { createShards, fanOut, mirror, ShardFailure } from './shards.js';

const ROUTES = new Map(ROUTE_TABLE.map((r) => [r.path, r]));
/** Request headers the objects see (the rest, Authorization included, stays in the Worker). */
const FORWARDED = ['accept-type-allow-int64', 'request-timeout', 'content-type'];

type Env = { Bindings: QuiverEnv };

/** The object that serves a route. */
function targetOf(spec: RouteSpec, db: string): string {
  return /^(users|roles|databases)\//.test(spec.path) ? ROOT_OBJECT : databaseObject(db);
}

/** Reads at most `max` bytes of the body (the rest is drained), else RequestTooLarge. */
async function readBounded(req: Request, max: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size <= max) chunks.push(value);
    }
  }
  if (size > max) throw new HttpFailure(HttpCode.RequestTooLarge, `request body is larger than the limit of ${max} bytes (quotaAndLimits maxRequestBytes)`);
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A Response whose headers the CORS middleware may still change. */
function mutable(res: Response): Response {
  return new Response(res.body, res);
}

async function handle(c: Context<Env>, spec: RouteSpec): Promise<Response> {
  const int64 = int64Mode(c.req.header('accept-type-allow-int64'));
  try {
    const config = readConfig(c.env);
    const authorization = c.req.header('authorization');
    if (config.auth && !credentials(authorization)) {
      throw new HttpFailure(HttpCode.NeedAuthenticate, `user hasn't authenticated: ${authorization ? 'the Authorization header is not "Bearer <user>:<password>" (API keys are not supported)' : 'send "Authorization: Bearer <user>:<password>"'}`, 401);
    }
    let bytes: Uint8Array | undefined;
    let body: Record<string, unknown> | undefined;
    let bodyError: unknown;
    try {
      bytes = await readBounded(c.req.raw, config.limits.maxRequestBytes);
      body = (await readJsonBody(new Request('http://body', { method: 'POST', body: bytes }), config.limits.maxRequestBytes)).body;
    } catch (e) {
      bodyError = e;
    }
    const header = c.req.header('db-name');
    const named = body && typeof body['dbName'] === 'string' && body['dbName'] !== '' ? (body['dbName'] as string) : undefined;
    const db = named ?? (header || 'default');
    const target = targetOf(spec, db);
    // Credentials first (a wrong password answers 401 even with a bad body), as the Node server.
    const ask: AuthorizeRequest = body
      ? {
          access: spec.access(body, db),
          ...(spec.self && typeof body['userName'] === 'string' ? { self: body['userName'] } : {}),
          ...(target !== ROOT_OBJECT && db !== 'default' ? { database: db } : {}),
        }
      : {};
    let user = 'root';
    if (config.auth || ask.database !== undefined) {
      const res = await callObject(c.env, ROOT_OBJECT, '/_quiver/authorize', { method: 'POST', body: JSON.stringify(ask), headers: authorization ? { authorization } : {} });
      const answer = (await res.json()) as { ok?: boolean; user?: string; code?: number; message?: string };
      if (!answer.ok) return jsonResponse({ code: answer.code ?? HttpCode.Unexpected, message: answer.message ?? 'authorization failed' }, int64, res.status);
      user = answer.user ?? user;
    }
    if (bodyError !== undefined || !body || !bytes) throw bodyError;
    if (spec.path === 'collections/rename' && typeof body['newDbName'] === 'string' && body['newDbName'] !== '' && body['newDbName'] !== db) {
      throw new HttpFailure(1100, `collections/rename: moving a collection into another database (newDbName "${body['newDbName']}") is not supported on Cloudflare, where each database is its own Durable Object`);
    }
    if (spec.path === 'collections/create' && shardsRequested(body) > 1 && wantsAutoId(body)) {
      throw new HttpFailure(1100, 'collections/create: a collection with shardsNum > 1 cannot have an autoId primary key on Cloudflare (each shard draws its own ids)');
    }
    if (spec.path === 'databases/drop' && typeof body['dbName'] === 'string' && body['dbName'] !== 'default' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(body['dbName'])) {
      // The database's object checks it is empty and deletes its state; then root forgets it.
      const res = await callObject(c.env, databaseObject(body['dbName']), '/_quiver/drop-database', { method: 'POST', body: '{}' });
      if (!((await res.clone().json()) as { ok?: boolean }).ok) return mutable(res);
    }
    const headers: Record<string, string> = { 'db-name': db, [CLIENT_HEADER]: `${user}@${c.req.header('cf-connecting-ip') ?? ''}` };
    for (const h of FORWARDED) {
      const v = c.req.header(h);
      if (v !== undefined) headers[h] = v;
    }
    const collection = typeof body['collectionName'] === 'string' ? body['collectionName'] : undefined;
    if (target !== ROOT_OBJECT && collection) headers[COLLECTION_HEADER] = collection;
    const sharded = spec.path === 'collections/create' ? shardsRequested(body) : 1;
    const res = await callObject(c.env, target, `/v2/vectordb/${spec.path}`, { method: 'POST', body: bytes, headers });
    if (res.status === 409) {
      // A sharded collection: the database object sent its layout instead of an answer.
      const layout = (await res.json()) as ShardLayout;
      return jsonResponse(await fanOut(c.env, spec.path, body, layout, c.req.header('request-timeout')), int64);
    }
    const layoutHeader = res.headers.get(LAYOUT_HEADER);
    if ((layoutHeader && MIRRORED_ROUTES.has(spec.path)) || (sharded > 1 && collection)) {
      const answer = (await res.clone().json()) as { code?: number };
      if (answer.code === 0) {
        if (layoutHeader) await mirror(c.env, spec.path, body, JSON.parse(layoutHeader) as ShardLayout);
        else {
          const layout = (await (await callObject(c.env, target, '/_quiver/layout', { method: 'POST', body: JSON.stringify({ dbName: db, collectionName: collection }) })).json()) as ShardLayout | null;
          if (layout) await createShards(c.env, body, layout);
        }
      }
    }
    return mutable(res);
  } catch (e) {
    if (e instanceof ShardFailure) return jsonResponse({ code: e.answer.code, message: e.answer.message }, int64);
    const f = failure(e);
    return jsonResponse({ code: f.code, message: f.message }, int64, f.status);
  }
}

/** True when a collections/create body asks for an autoId primary key. */
function wantsAutoId(body: Record<string, unknown>): boolean {
  const schema = (body['schema'] ?? {}) as { autoId?: unknown; autoID?: unknown; fields?: Array<{ autoId?: unknown; autoID?: unknown }> };
  if (body['schema'] === undefined) return body['autoId'] === true || body['autoID'] === true;
  return schema.autoId === true || schema.autoID === true || (schema.fields ?? []).some((f) => f.autoId === true || f.autoID === true);
}

/** `params.shardsNum` of a collections/create body (1 when absent or not a number). */
function shardsRequested(body: Record<string, unknown>): number {
  const n = Number((body['params'] as Record<string, unknown> | undefined)?.['shardsNum'] ?? 1);
  return Number.isInteger(n) ? n : 1;
}

/** Builds the Worker's Hono app (CORS from the same defaults as the Node server). */
export function createProxy(options: { cors?: string | readonly string[] | false } = {}): Hono<Env> {
  const app = new Hono<Env>();
  if (options.cors !== false) {
    app.use('*', cors({
      origin: typeof options.cors === 'string' ? options.cors : options.cors ? [...options.cors] : '*',
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'ContentType', 'Accept', 'Accept-Type-Allow-Int64', 'Request-Timeout', 'DB-Name'],
      maxAge: 600,
    }));
  }
  app.post('/v2/vectordb/*', (c) => {
    const spec = ROUTES.get(c.req.path.slice('/v2/vectordb/'.length));
    return spec ? handle(c, spec) : c.json({ code: 404, message: `route not found: POST ${c.req.path}` }, 404);
  });
  app.get('/openapi.json', async (c) => mutable(await callObject(c.env, ROOT_OBJECT, '/_quiver/openapi')));
  app.get('/docs', (c) => c.html(DOCS_PAGE));
  app.get('/', (c) => c.html(HOME_PAGE));
  app.notFound((c) => c.json({ code: 404, message: `route not found: ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
