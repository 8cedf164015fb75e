// The app's quotas and limits, timeout, CORS and documents, driven through its fetch handler with
// an injected clock (so rates are exact), on an in-memory engine without auth.
import { afterEach, describe, expect, it } from 'vitest';
import { open } from '@quiver/node';
import type { QuiverClient } from '@quiver/core';
import { createApp, ROUTE_TABLE, type AppOptions, type QuiverApp } from '@quiver/server';

const clients: QuiverClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function make(opts: Partial<AppOptions> = {}, client?: QuiverClient): Promise<{ app: QuiverApp; clock: { t: number }; client: QuiverClient }> {
  const c = client ?? (await open({ uri: 'memory://', int64: 'bigint' }));
  if (!client) clients.push(c);
  const clock = { t: 1_000_000 };
  return { app: createApp({ client: c, auth: false, now: () => clock.t, ...opts }), clock, client: c };
}

async function call(app: QuiverApp, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; code: number; message?: string; data?: any }> {
  const res = await app.fetch(new Request(`http://quiver.test/v2/vectordb/${path}`, { method: 'POST', headers, body: JSON.stringify(body) }));
  return { status: res.status, ...((await res.json()) as { code: number }) };
}

const search = (collectionName: string, nq: number) => ({ collectionName, data: Array.from({ length: nq }, () => [1, 0]), limit: 1 });

describe('quotas and limits', () => {
  it('limits search vectors per second per collection with a token bucket', async () => {
    const { app, clock } = await make({ limits: { searchRate: { collection: 4 } } });
    for (const name of ['a', 'b']) expect((await call(app, 'collections/create', { collectionName: name, dimension: 2 })).code).toBe(0);
    expect((await call(app, 'entities/search', search('a', 3))).code).toBe(0);
    const refused = await call(app, 'entities/search', search('a', 3));
    expect(refused.code).toBe(1807);
    expect(refused.message).toContain('searchRate.collection');
    expect((await call(app, 'entities/search', search('b', 4))).code).toBe(0); // another collection has its own bucket
    clock.t += 250; // 1 + 1 token: still short of 3
    expect((await call(app, 'entities/search', search('a', 3))).code).toBe(1807);
    clock.t += 250;
    expect((await call(app, 'entities/search', search('a', 3))).code).toBe(0);
  });

  it('limits insert MB/s per client and lets an oversized request through a full bucket', async () => {
    const { app, clock } = await make({ limits: { insertRate: { client: 0.001 } } }); // ~1 KB/s
    expect((await call(app, 'collections/create', { collectionName: 'a', dimension: 2 })).code).toBe(0);
    const rows = (from: number) => ({ collectionName: 'a', data: Array.from({ length: 40 }, (_, i) => ({ id: from + i, vector: [i, 1] })) }); // > 1 KB
    expect((await call(app, 'entities/insert', rows(0))).code).toBe(0);
    expect((await call(app, 'entities/insert', rows(100))).code).toBe(1807);
    clock.t += 60_000;
    expect((await call(app, 'entities/insert', rows(200))).code).toBe(0);
    expect((await call(app, 'entities/query', { collectionName: 'a', filter: '', outputFields: ['count(*)'] })).data).toEqual([{ 'count(*)': 80 }]);
  });

  it('limits queries per second', async () => {
    const { app } = await make({ limits: { queryRate: { collection: 1 } } });
    expect((await call(app, 'collections/create', { collectionName: 'a', dimension: 2 })).code).toBe(0);
    expect((await call(app, 'entities/query', { collectionName: 'a', filter: 'id > 0' })).code).toBe(0);
    expect((await call(app, 'entities/get', { collectionName: 'a', id: [1] })).code).toBe(1807);
  });

  it('caps collections per database (code 102), also under concurrent creates', async () => {
    const { app } = await make({ limits: { maxCollectionNumPerDB: 3 } });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => call(app, 'collections/create', { collectionName: `c${i}`, dimension: 2 })));
    expect(results.map((r) => r.code).sort()).toEqual([0, 0, 0, 102, 102, 102]);
    expect((await call(app, 'collections/list', {})).data).toHaveLength(3);
    expect((await call(app, 'databases/create', { dbName: 'other' })).code).toBe(0);
    expect((await call(app, 'collections/create', { collectionName: 'c0', dimension: 2, dbName: 'other' })).code).toBe(0);
  });

  it('applies the request size limit', async () => {
    const { app } = await make({ limits: { maxRequestBytes: 1024 } });
    const res = await call(app, 'collections/create', { collectionName: 'a', dimension: 2, description: 'x'.repeat(2000) });
    expect(res.code).toBe(4);
    expect((await call(app, 'collections/list', {})).data).toEqual([]);
  });
});

describe('request timeout', () => {
  it('answers HTTP 408 (code 10001) when the engine has not answered within Request-Timeout seconds', async () => {
    const real = await open({ uri: 'memory://', int64: 'bigint' });
    clients.push(real);
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    const slow = Object.create(real) as QuiverClient;
    slow.call = ((route: Parameters<QuiverClient['call']>[0], body: never) => (route === 'collections/list' ? gate.then(() => real.call(route, body)) : real.call(route, body))) as QuiverClient['call'];
    const { app } = await make({}, slow);
    const res = await call(app, 'collections/list', {}, { 'Request-Timeout': '1' });
    expect({ status: res.status, code: res.code }).toEqual({ status: 408, code: 10001 });
    let drained = false;
    const drain = app.drain().then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false); // the timed-out request is still in flight
    release();
    await drain;
    expect(drained).toBe(true);
  });
});

describe('CORS and documents', () => {
  it('answers preflight requests and marks responses for browsers', async () => {
    const { app } = await make();
    const pre = await app.fetch(new Request('http://quiver.test/v2/vectordb/collections/list', { method: 'OPTIONS', headers: { Origin: 'http://example.org', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' } }));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const res = await app.fetch(new Request('http://quiver.test/v2/vectordb/collections/list', { method: 'POST', headers: { Origin: 'http://example.org' }, body: '{}' }));
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('restricts CORS to configured origins', async () => {
    const { app } = await make({ cors: ['http://allowed.test'] });
    const res = (origin: string) => app.fetch(new Request('http://quiver.test/v2/vectordb/collections/list', { method: 'POST', headers: { Origin: origin }, body: '{}' }));
    expect((await res('http://allowed.test')).headers.get('access-control-allow-origin')).toBe('http://allowed.test');
    expect((await res('http://other.test')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves an OpenAPI document with every route and its body schema, a docs page and a home page', async () => {
    const { app } = await make();
    const doc = (await (await app.fetch(new Request('http://quiver.test/openapi.json'))).json()) as { openapi: string; paths: Record<string, { post: { requestBody: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } } }> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(ROUTE_TABLE.map((r) => `/v2/vectordb/${r.path}`).sort());
    const searchBody = doc.paths['/v2/vectordb/entities/search']!.post.requestBody.content['application/json']!.schema;
    expect(Object.keys(searchBody.properties ?? {})).toEqual(expect.arrayContaining(['collectionName', 'data', 'annsField', 'filter', 'limit', 'outputFields']));
    const docs = await app.fetch(new Request('http://quiver.test/docs'));
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('/openapi.json');
    expect(await (await app.fetch(new Request('http://quiver.test/'))).text()).toContain('/v2/vectordb');
  });
});
