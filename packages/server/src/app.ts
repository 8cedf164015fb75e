// The platform-free Hono app: Milvus's RESTful API v2 over a QuiverClient. Platform entries
// (Node here; Cloudflare and Deno later) serve its `fetch`.
import { ErrorCode, QuiverError, type QuiverClient } from '@quiver/core';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { authenticate } from './auth.js';
import { failure, HttpCode, HttpFailure, int64Mode, jsonResponse, readJsonBody } from './envelope.js';
import { ImportJobs, type ImportSource } from './import/jobs.js';
import { RateLimiter, rateCost, resolveLimits, type Limits, type LimitsInput } from './limits.js';
import { DOCS_PAGE, HOME_PAGE, openApiDocument } from './openapi.js';
import { ROUTE_TABLE, type RouteSpec } from './routes.js';

/** Options of {@link createApp}. */
export interface AppOptions {
  /**
   * The engine. Open it with `int64: 'bigint'` so Int64 values reach the wire exactly (the app
   * writes bigints as numbers or strings per `Accept-Type-Allow-Int64`).
   */
  readonly client: QuiverClient;
  /** Check credentials and privileges (default true; call `client.initAuth()` first). */
  readonly auth?: boolean;
  /** Quotas and limits over Milvus's defaults. */
  readonly limits?: LimitsInput;
  /** Allowed CORS origins (default `*`); `false` sends no CORS headers. */
  readonly cors?: string | readonly string[] | false;
  /** Where import jobs read files (none: `jobs/import/create` answers Unsupported). */
  readonly importSource?: ImportSource;
  /** The caller's network address, for per-client rates (the platform entry knows it). */
  readonly clientAddress?: (c: Context) => string | undefined;
  /** Milliseconds clock (rates, job ids). */
  readonly now?: () => number;
  /** HTML served at `/` (default: a placeholder page). */
  readonly homePage?: string;
  /**
   * Serves the web console's files for GET requests no API route took (the Node entry passes a
   * static-file handler over apps/web's build); it calls `next()` for files it does not have.
   */
  readonly console?: MiddlewareHandler;
}

/** The app and what its host needs to stop it cleanly. */
export interface QuiverApp {
  readonly app: Hono;
  /** The fetch handler for any runtime. */
  readonly fetch: (req: Request, env?: unknown) => Response | Promise<Response>;
  readonly limits: Limits;
  /** True when the app serves a web console at `/`. */
  readonly console: boolean;
  /** Resolves once every request the app started (including timed-out ones) and every import job has finished. */
  drain(): Promise<void>;
}

/** Builds the REST app. */
export function createApp(opts: AppOptions): QuiverApp {
  const { client } = opts;
  const auth = opts.auth ?? true;
  const now = opts.now ?? (() => Date.now());
  const limits = resolveLimits(opts.limits);
  const limiter = new RateLimiter(limits, now);
  const jobs = new ImportJobs(client, opts.importSource, now);
  const inflight = new Set<Promise<unknown>>();
  const createLocks = new Map<string, Promise<unknown>>();
  const app = new Hono();

  if (opts.cors !== false) {
    app.use('*', cors({
      origin: typeof opts.cors === 'string' ? opts.cors : opts.cors ? [...opts.cors] : '*',
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'ContentType', 'Accept', 'Accept-Type-Allow-Int64', 'Request-Timeout', 'DB-Name'],
      maxAge: 600,
    }));
  }

  /** Runs `fn` for the collections/create quota alone per database (count, then create). */
  const createSerialized = <T>(db: string, fn: () => Promise<T>): Promise<T> => {
    const prev = createLocks.get(db) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    createLocks.set(db, tail);
    void tail.then(() => createLocks.get(db) === tail && createLocks.delete(db));
    return run;
  };

  const execute = async (spec: RouteSpec, body: Record<string, unknown>, db: string): Promise<Record<string, unknown>> => {
    if (spec.verb !== 'job') {
      const verb = spec.verb;
      if (verb === 'collections/create') {
        return createSerialized(db, async () => {
          const n = (await client.listCollections({ dbName: db })).data.length;
          if (n >= limits.maxCollectionNumPerDB) throw new QuiverError(ErrorCode.TooManyCollections, `collections/create: database "${db}" already has ${n} collections (quotaAndLimits maxCollectionNumPerDB = ${limits.maxCollectionNumPerDB})`);
          return client.call(verb, body);
        });
      }
      return client.call(verb, body);
    }
    if (spec.path === 'jobs/import/create') return jobs.create(body, db);
    if (spec.path === 'jobs/import/list') return jobs.list(body, db);
    return jobs.progress(body);
  };

  const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> => {
    const tracked = work.catch(() => undefined);
    inflight.add(tracked);
    void tracked.finally(() => inflight.delete(tracked));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HttpFailure(HttpCode.Timeout, `request timeout: no answer within ${ms / 1000} s (Request-Timeout)`, 408)), ms);
    });
    return Promise.race([work, expired]).finally(() => clearTimeout(timer));
  };

  const handle = (spec: RouteSpec) => async (c: Context): Promise<Response> => {
    const int64 = int64Mode(c.req.header('accept-type-allow-int64'));
    try {
      const user = auth ? await authenticate(client, c.req.header('authorization')) : 'root';
      const { body, bytes } = await readJsonBody(c.req.raw, limits.maxRequestBytes);
      const header = c.req.header('db-name');
      if ((typeof body['dbName'] !== 'string' || body['dbName'] === '') && header) body['dbName'] = header;
      const db = typeof body['dbName'] === 'string' && body['dbName'] !== '' ? body['dbName'] : 'default';
      if (spec.verb === 'job' && body['jobId'] !== undefined) body['collectionName'] ??= jobs.collectionOf(body['jobId']);
      if (auth && !(spec.self && body['userName'] === user)) {
        const access = spec.access(body, db);
        if (!(await client.authorize(user, access))) {
          throw new HttpFailure(HttpCode.PrivilegeNotPermitted, `privilege not permitted: PrivilegeNotPermitted[Privilege=${access.privilege}, ObjectType=${access.objectType}, ObjectName=${access.objectName}, Database=${access.dbName}, User=${user}]`, 403);
        }
      }
      if (spec.rate) {
        const coll = `${db}/${typeof body['collectionName'] === 'string' ? body['collectionName'] : ''}`;
        const refused = limiter.charge(spec.rate, coll, `${user}@${opts.clientAddress?.(c) ?? ''}`, rateCost(spec.rate, body, bytes));
        if (refused) throw new HttpFailure(HttpCode.RateLimited, `request is rejected by limiter: ${refused}`);
      }
      const seconds = Number(c.req.header('request-timeout'));
      const ms = Number.isInteger(seconds) && seconds > 0 ? seconds * 1000 : limits.requestTimeoutMs;
      const result = await withTimeout(execute(spec, body, db), ms);
      return jsonResponse({ code: 0, ...result }, int64);
    } catch (e) {
      const f = failure(e);
      return jsonResponse({ code: f.code, message: f.message }, int64, f.status);
    }
  };

  for (const spec of ROUTE_TABLE) app.post(`/v2/vectordb/${spec.path}`, handle(spec));

  let doc: string | undefined;
  app.get('/openapi.json', (c) => {
    doc ??= JSON.stringify(openApiDocument(client, auth));
    return c.body(doc, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  app.get('/docs', (c) => c.html(DOCS_PAGE));
  if (opts.console) app.get('*', opts.console);
  app.get('/', (c) => c.html(opts.homePage ?? HOME_PAGE));
  app.notFound((c) => c.json({ code: 404, message: `route not found: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));

  return {
    app,
    fetch: (req, env) => app.fetch(req, env),
    limits,
    console: opts.console !== undefined,
    async drain() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
      await jobs.idle();
    },
  };
}
