// The Durable Object class. One object per database (`db:<name>`) holds that database's engine:
// coordinators, WAL and catalog in the object's SQLite storage, segment and index files in R2.
// The `root` object holds RootCoord's global state (users, roles, the database list) and answers
// the Worker's credential and privilege checks. Each serves the REST app (without auth: the
// Worker checked) plus a few internal `/_quiver/…` calls.
import { openDatabase, type QuiverClient } from '@quiver/core';
import { createApp, type QuiverApp } from '../app.js';
import { authenticate } from '../auth.js';
import { failure, HttpFailure, HttpCode, jsonResponse } from '../envelope.js';
import { openApiDocument } from '../openapi.js';
import type { Access } from '../routes.js';
import { readConfig, type QuiverEnv } from './config.js';
import { r2ImportSource } from './import-source.js';
import { FANOUT_ROUTES, layoutOf } from './layout.js';
import { CLIENT_HEADER, COLLECTION_HEADER, isObjectName, LAYOUT_HEADER, OBJECT_HEADER, objectPrefix, ROOT_OBJECT } from './objects.js';
import { cloudflarePlatform } from './platform.js';
import { deleteR2Prefix } from './storage/r2-object-store.js';

/** What the Worker asks the root object before it forwards a request. */
export interface AuthorizeRequest {
  /** The privilege the route needs (absent: authenticate only). */
  readonly access?: Access;
  /** Own-account routes: the user named in the body, who may act on itself. */
  readonly self?: string;
  /** A database the request targets, which must exist. */
  readonly database?: string;
}

interface Node {
  readonly name: string;
  readonly client: QuiverClient;
  readonly app: QuiverApp;
}

/** The engine of one database (or the root object) in a Durable Object with SQLite storage. */
export class QuiverDurableObject {
  #node: Promise<Node> | undefined;

  constructor(private readonly ctx: CfDurableObjectState, private readonly env: QuiverEnv) {}

  /** Serves one request from the Worker. */
  async fetch(request: Request): Promise<Response> {
    const name = request.headers.get(OBJECT_HEADER);
    if (!isObjectName(name)) return jsonResponse({ code: HttpCode.Unexpected, message: `not a Quiver object name: ${JSON.stringify(name)}` }, 'number', 400);
    try {
      const node = await this.#open(name);
      const path = new URL(request.url).pathname;
      if (path === '/_quiver/authorize') return await this.#authorize(node, request);
      if (path === '/_quiver/openapi') return Response.json(openApiDocument(node.client, readConfig(this.env).auth));
      if (path === '/_quiver/drop-database') return await this.#dropDatabase(node);
      if (path === '/_quiver/drop-shard' && node.name.startsWith('shard:')) return await this.#wipe(node);
      if (path === '/_quiver/layout') {
        const ask = (await request.json()) as { dbName: string; collectionName: string };
        return Response.json((await layoutOf(node.client, ask.dbName, ask.collectionName)) ?? null);
      }
      const collection = request.headers.get(COLLECTION_HEADER);
      if (collection !== null && node.name.startsWith('db:')) {
        // A sharded collection: its rows live in shard objects; the Worker assembles the answer.
        const layout = await layoutOf(node.client, node.name.slice(3), collection);
        if (layout && FANOUT_ROUTES.has(path.slice('/v2/vectordb/'.length))) return Response.json(layout, { status: 409 });
        if (layout) {
          const res = await node.app.fetch(request);
          const out = new Response(res.body, res);
          out.headers.set(LAYOUT_HEADER, JSON.stringify(layout));
          return out;
        }
      }
      return await node.app.fetch(request);
    } catch (e) {
      const f = failure(e);
      return jsonResponse({ code: f.code, message: f.message }, 'number', f.status);
    }
  }

  #open(name: string): Promise<Node> {
    const opening = (this.#node ??= this.#start(name));
    opening.catch(() => {
      if (this.#node === opening) this.#node = undefined;
    });
    return opening.then((node) => {
      if (node.name !== name) throw new Error(`Durable Object ${node.name} was called as ${name}`);
      return node;
    });
  }

  async #start(name: string): Promise<Node> {
    const config = readConfig(this.env);
    const platform = cloudflarePlatform({ storage: this.ctx.storage, bucket: this.env.QUIVER_BUCKET, prefix: objectPrefix(name), label: `Durable Object ${name}` });
    const client = await openDatabase(platform, { uri: `durable-object://${name}`, int64: 'bigint' });
    try {
      if (name === ROOT_OBJECT && config.auth) {
        const r = await client.initAuth({ rootPassword: config.rootPassword, iterations: config.iterations });
        if (r.generated) console.log(`Quiver: created user "root" with the generated password: ${r.generated} (shown once; set the QUIVER_ROOT_PASSWORD secret to choose another)`);
      }
      const db = name.startsWith('db:') ? name.slice(3) : undefined;
      // The Worker routes here only after the root object confirmed the database exists.
      if (db !== undefined && !(await client.listDatabases()).data.includes(db)) await client.createDatabase({ dbName: db });
    } catch (e) {
      await client.close({ flush: false }).catch(() => undefined);
      throw e;
    }
    const app = createApp({
      client,
      auth: false,
      limits: config.limitsInput,
      cors: false,
      importSource: r2ImportSource(this.env.QUIVER_BUCKET),
      clientAddress: (c) => c.req.header(CLIENT_HEADER),
    });
    return { name, client, app };
  }

  /** Root: authenticates the Authorization header, checks the privilege and the database. */
  async #authorize(node: Node, request: Request): Promise<Response> {
    const ask = (await request.json()) as AuthorizeRequest;
    const config = readConfig(this.env);
    let user = 'root';
    if (config.auth) {
      user = await authenticate(node.client, request.headers.get('authorization'));
      if (ask.access && ask.self !== user && !(await node.client.authorize(user, ask.access))) {
        const a = ask.access;
        throw new HttpFailure(HttpCode.PrivilegeNotPermitted, `privilege not permitted: PrivilegeNotPermitted[Privilege=${a.privilege}, ObjectType=${a.objectType}, ObjectName=${a.objectName}, Database=${a.dbName}, User=${user}]`, 403);
      }
    }
    if (ask.database !== undefined) await node.client.describeDatabase({ dbName: ask.database });
    return Response.json({ ok: true, user });
  }

  /** A database object: refuses when collections remain, else deletes all its state. */
  async #dropDatabase(node: Node): Promise<Response> {
    const db = node.name.slice(3);
    const left = (await node.client.listCollections({ dbName: db })).data;
    if (left.length > 0) throw new HttpFailure(1100, `databases/drop: database "${db}" still has ${left.length} collection(s); drop them first`);
    return this.#wipe(node);
  }

  /** Deletes all of this object's state (a dropped database or shard). */
  async #wipe(node: Node): Promise<Response> {
    await node.app.drain();
    await node.client.close({ flush: false });
    await this.ctx.storage.deleteAll();
    await deleteR2Prefix(this.env.QUIVER_BUCKET, objectPrefix(node.name));
    this.#node = undefined;
    return Response.json({ ok: true });
  }
}
