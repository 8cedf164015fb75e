// The Worker's side of sharded collections (shardsNum > 1): rows go to shard objects by a hash
// of their primary key; get goes to the owning shards; searches, queries, deletes and stats go to
// every shard and are merged here; DDL is repeated on every shard after the database object
// applied it. Each shard object holds one collection, `shard`, in its `default` database.
import { ErrorCode, QuiverError } from '@quiver/core';
import { parseJson, stringifyJson } from '../json.js';
import type { QuiverEnv } from './config.js';
import type { ShardLayout } from './layout.js';
import { callObject, SHARD_COLLECTION, shardObject } from './objects.js';

/** A shard's answer (Int64 values as strings). */
interface Answer {
  [key: string]: unknown;
  code: number;
  message?: string;
  data?: any;
  topks?: number[];
}

/** Thrown to answer with a shard's (or a merge's) failure envelope. */
export class ShardFailure extends Error {
  constructor(readonly answer: Answer) {
    super(answer.message ?? `code ${answer.code}`);
  }
}

/** The shard of a primary key: FNV-1a of its decimal or string form, modulo the shard count. */
export function shardOf(pk: unknown, shards: number): number {
  const text = typeof pk === 'string' ? pk : typeof pk === 'bigint' || typeof pk === 'number' ? BigInt(pk).toString() : JSON.stringify(pk);
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h % shards;
}

/** The body a shard receives: the shard collection, its default database, no shard count. */
function shardBody(body: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { dbName: _db, ...rest } = body;
  return { ...rest, collectionName: SHARD_COLLECTION, ...extra };
}

async function callShard(env: QuiverEnv, layout: ShardLayout, i: number, route: string, body: Record<string, unknown>, timeout?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'accept-type-allow-int64': 'false', 'db-name': 'default' };
  if (timeout) headers['request-timeout'] = timeout;
  const res = await callObject(env, shardObject(layout.db, layout.collectionId, i), `/v2/vectordb/${route}`, { method: 'POST', body: stringifyJson(body, 'number'), headers });
  return parseJson(await res.text()) as Answer;
}

async function everyShard(env: QuiverEnv, layout: ShardLayout, route: string, body: (i: number) => Record<string, unknown> | undefined, timeout?: string): Promise<Array<Answer | undefined>> {
  const answers = await Promise.all(Array.from({ length: layout.shards }, (_, i) => {
    const b = body(i);
    return b ? callShard(env, layout, i, route, b, timeout) : undefined;
  }));
  const failed = answers.find((a) => a && a.code !== 0);
  if (failed) throw new ShardFailure(failed);
  return answers;
}

/** Int64 values come back from shards as strings; make them bigints again (written per the caller's Accept-Type-Allow-Int64). */
function reviveRow(row: Record<string, unknown>, layout: ShardLayout): Record<string, unknown> {
  for (const f of layout.int64Fields) {
    const v = row[f];
    if (typeof v === 'string' && /^-?\d+$/.test(v)) row[f] = BigInt(v);
    else if (Array.isArray(v)) row[f] = v.map((x) => (typeof x === 'string' && /^-?\d+$/.test(x) ? BigInt(x) : x));
  }
  return row;
}

const revivePk = (layout: ShardLayout) => (v: unknown): unknown => (layout.pkType === 'Int64' && typeof v === 'string' ? BigInt(v) : v);

function comparePk(a: unknown, b: unknown): number {
  return a === b ? 0 : (a as bigint | string) < (b as bigint | string) ? -1 : 1;
}

/** Spreads inserted/upserted rows over the shards and answers with the ids in request order. */
async function write(env: QuiverEnv, route: string, body: Record<string, unknown>, layout: ShardLayout, timeout?: string): Promise<Answer> {
  if (layout.autoId) throw new QuiverError(ErrorCode.InvalidParameter, `${route}: a sharded collection cannot have an autoId primary key (ids are drawn per shard)`);
  const rows = body['data'];
  if (!Array.isArray(rows)) return (await everyShard(env, layout, route, (i) => (i === 0 ? shardBody(body) : undefined), timeout))[0]!;
  const parts: Array<{ rows: unknown[]; at: number[] }> = Array.from({ length: layout.shards }, () => ({ rows: [], at: [] }));
  rows.forEach((r, at) => {
    const pk = r !== null && typeof r === 'object' ? (r as Record<string, unknown>)[layout.pk] : undefined;
    // A row without a key is sent to shard 0, which reports the missing field as the engine does.
    const part = parts[pk === undefined || pk === null ? 0 : shardOf(pk, layout.shards)]!;
    part.rows.push(r);
    part.at.push(at);
  });
  const answers = await everyShard(env, layout, route, (i) => (parts[i]!.rows.length > 0 ? shardBody(body, { data: parts[i]!.rows }) : undefined), timeout);
  const kind = route === 'entities/upsert' ? 'upsert' : 'insert';
  const ids = new Array<unknown>(rows.length);
  let count = 0;
  answers.forEach((a, i) => {
    if (!a) return;
    count += a.data[`${kind}Count`] as number;
    (a.data[`${kind}Ids`] as unknown[]).forEach((id, k) => (ids[parts[i]!.at[k]!] = revivePk(layout)(id)));
  });
  return { code: 0, data: { [`${kind}Count`]: count, [`${kind}Ids`]: ids } };
}

/** Merges per-shard hits of each query vector by distance and applies offset/limit. */
function mergeSearch(answers: Answer[], body: Record<string, unknown>, layout: ShardLayout, nq: number): Answer {
  const sp = (body['searchParams'] ?? {}) as Record<string, unknown>;
  const field = typeof body['annsField'] === 'string' ? body['annsField'] : Object.keys(layout.metrics)[0];
  const metric = String(sp['metricType'] ?? sp['metric_type'] ?? (field ? layout.metrics[field] : undefined) ?? 'COSINE').toUpperCase();
  const larger = ['IP', 'COSINE', 'BM25'].includes(metric);
  const limit = typeof body['limit'] === 'number' ? body['limit'] : 100;
  const offset = typeof body['offset'] === 'number' ? body['offset'] : 0;
  const perQuery: Array<Array<Record<string, unknown>>> = Array.from({ length: nq }, () => []);
  for (const a of answers) {
    const hits = a.data as Array<Record<string, unknown>>;
    const sizes = a.topks ?? [hits.length];
    let at = 0;
    sizes.forEach((n, q) => {
      perQuery[q]!.push(...hits.slice(at, at + n));
      at += n;
    });
  }
  const merged = perQuery.map((hits) =>
    hits
      .sort((x, y) => (larger ? (y['distance'] as number) - (x['distance'] as number) : (x['distance'] as number) - (y['distance'] as number)))
      .slice(offset, offset + limit)
      .map((h) => reviveRow(h, layout)),
  );
  const data = merged.flat();
  return nq === 1 ? { code: 0, data } : { code: 0, data, topks: merged.map((m) => m.length) };
}

/** Answers a fan-out route of a sharded collection. */
export async function fanOut(env: QuiverEnv, route: string, body: Record<string, unknown>, layout: ShardLayout, timeout?: string): Promise<Answer> {
  const all = async (b: Record<string, unknown>): Promise<Answer[]> => (await everyShard(env, layout, route, () => b, timeout)) as Answer[];
  switch (route) {
    case 'entities/insert':
    case 'entities/upsert':
      return write(env, route, body, layout, timeout);
    case 'entities/delete': {
      const answers = await all(shardBody(body));
      return { code: 0, data: { deleteCount: answers.reduce((n, a) => n + ((a.data?.deleteCount as number) ?? 0), 0) } };
    }
    case 'entities/get': {
      const ids = Array.isArray(body['id']) ? body['id'] : [body['id']];
      const parts: unknown[][] = Array.from({ length: layout.shards }, () => []);
      for (const id of ids) parts[shardOf(id, layout.shards)]!.push(id);
      const answers = await everyShard(env, layout, route, (i) => (parts[i]!.length > 0 ? shardBody(body, { id: parts[i] }) : undefined), timeout);
      return { code: 0, data: answers.flatMap((a) => ((a?.data as Array<Record<string, unknown>>) ?? []).map((r) => reviveRow(r, layout))) };
    }
    case 'entities/query': {
      const limit = typeof body['limit'] === 'number' ? body['limit'] : 100;
      const offset = typeof body['offset'] === 'number' ? body['offset'] : 0;
      const answers = await all(shardBody(body, { limit: limit + offset, offset: 0 }));
      const rows = answers.flatMap((a) => a.data as Array<Record<string, unknown>>);
      const out = Array.isArray(body['outputFields']) ? (body['outputFields'] as unknown[]) : [];
      if (out.includes('count(*)')) return { code: 0, data: [{ 'count(*)': rows.reduce((n, r) => n + (r['count(*)'] as number), 0) }] };
      rows.forEach((r) => reviveRow(r, layout));
      return { code: 0, data: rows.sort((a, b) => comparePk(a[layout.pk], b[layout.pk])).slice(offset, offset + limit) };
    }
    case 'entities/search': {
      if (body['groupingField']) throw new QuiverError(ErrorCode.InvalidParameter, 'search: groupingField is not supported on a sharded collection yet');
      const limit = typeof body['limit'] === 'number' ? body['limit'] : 100;
      const offset = typeof body['offset'] === 'number' ? body['offset'] : 0;
      const nq = Array.isArray(body['data']) ? body['data'].length : 1;
      return mergeSearch(await all(shardBody(body, { limit: limit + offset, offset: 0 })), body, layout, nq);
    }
    case 'collections/get_stats':
    case 'partitions/get_stats': {
      const answers = await all(shardBody(body));
      return { code: 0, data: { rowCount: answers.reduce((n, a) => n + Number(a.data?.rowCount ?? 0), 0) } };
    }
    default:
      throw new QuiverError(ErrorCode.InvalidParameter, `${route}: not supported on a sharded collection yet`);
  }
}

/** Repeats DDL the database object applied on every shard (dropping a collection wipes its shards). */
export async function mirror(env: QuiverEnv, route: string, body: Record<string, unknown>, layout: ShardLayout): Promise<void> {
  if (route === 'collections/drop') {
    await Promise.all(Array.from({ length: layout.shards }, (_, i) => callObject(env, shardObject(layout.db, layout.collectionId, i), '/_quiver/drop-shard', { method: 'POST', body: '{}' })));
    return;
  }
  await everyShard(env, layout, route, () => shardBody(body));
}

/** Creates the shard collections of a collection the database object just created. */
export async function createShards(env: QuiverEnv, body: Record<string, unknown>, layout: ShardLayout): Promise<void> {
  const params = { ...((body['params'] ?? {}) as Record<string, unknown>) };
  delete params['shardsNum'];
  await everyShard(env, layout, 'collections/create', () => shardBody(body, { params }));
}
