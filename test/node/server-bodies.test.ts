// Bad request bodies get Milvus-style errors and change nothing; the body is JSON whatever the
// Content-Type; dbName from the body or the DB-Name header; exact Int64 values both ways.
import { beforeAll, describe, expect, it } from 'vitest';
import { post, ROOT_AUTH, useServer } from './server-fixture.js';

const server = useServer();
const url = (): string => server().url;

async function state(): Promise<unknown> {
  return {
    collections: (await post(url(), 'collections/list', {})).data,
    rows: (await post(url(), 'entities/query', { collectionName: 'items', filter: '', outputFields: ['count(*)'] })).data,
  };
}

beforeAll(async () => {
  expect((await post(url(), 'collections/create', { collectionName: 'items', dimension: 3, metricType: 'L2' })).code).toBe(0);
  expect((await post(url(), 'entities/insert', { collectionName: 'items', data: [{ id: 1, vector: [1, 0, 0] }, { id: 2, vector: [0, 1, 0] }] })).code).toBe(0);
});

describe('request bodies', () => {
  it('answers code 1801 (HTTP 200) for bodies that are not a JSON object, and changes nothing', async () => {
    const before = await state();
    for (const body of ['{"collectionName": "items", "data": [', '', 'null', '[1, 2]', '"text"', 'collectionName=items']) {
      const res = await post(url(), 'entities/insert', body);
      expect({ body, status: res.status, code: res.code }).toEqual({ body, status: 200, code: 1801 });
    }
    const raw = await fetch(`${url()}/v2/vectordb/entities/insert`, { method: 'POST', headers: { Authorization: ROOT_AUTH }, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) });
    expect((await raw.json()).code).toBe(1801);
    expect(await state()).toEqual(before);
  });

  it('reads JSON whatever the Content-Type says (the SDK sends a header named ContentType)', async () => {
    const res = await fetch(`${url()}/v2/vectordb/collections/has`, {
      method: 'POST',
      headers: { Authorization: ROOT_AUTH, 'Content-Type': 'text/plain;charset=UTF-8', ContentType: 'application/json' },
      body: JSON.stringify({ collectionName: 'items' }),
    });
    expect(await res.json()).toEqual({ code: 0, data: { has: true } });
  });

  it('answers wrong types and values with the engine codes, and changes nothing', async () => {
    const before = await state();
    const cases: Array<[string, Record<string, unknown>, number]> = [
      ['entities/insert', { collectionName: 'items', data: 'rows' }, 1100],
      ['entities/insert', { collectionName: 'items', data: [{ id: 3, vector: [1, 2] }] }, 1804],
      ['entities/insert', { collectionName: 'items', data: [{ id: 'three', vector: [1, 2, 3] }] }, 1804],
      ['entities/insert', { collectionName: 'items', data: [{ id: 4, vector: [1, 2, 3] }, { id: 5, vector: 'v' }] }, 1804],
      ['entities/search', { collectionName: 'items', data: [[1, 0, 0]], limit: 'ten' }, 1100],
      ['entities/query', { collectionName: 'items', filter: 'id >>> 1' }, 90003],
      ['collections/create', { collectionName: 42, dimension: 3 }, 1100],
      ['collections/create', { dimension: 3 }, 1101],
    ];
    for (const [path, body, code] of cases) {
      const res = await post(url(), path, body);
      expect({ path, body, status: res.status, code: res.code }).toEqual({ path, body, status: 200, code });
      expect(typeof res.message).toBe('string');
    }
    expect(await state()).toEqual(before);
  });

  it('answers code 100 for an unknown collection and 800 for an unknown database', async () => {
    expect((await post(url(), 'entities/insert', { collectionName: 'nope', data: [{ id: 1, vector: [1, 2, 3] }] })).code).toBe(100);
    expect((await post(url(), 'entities/search', { collectionName: 'nope', data: [[1, 2, 3]] })).code).toBe(100);
    expect((await post(url(), 'collections/list', { dbName: 'nodb' })).code).toBe(800);
  });

  it('refuses a body over 64 MiB with code 4 and changes nothing', async () => {
    const before = await state();
    const filler = 'x'.repeat(1024 * 1024);
    const body = JSON.stringify({ collectionName: 'items', data: Array.from({ length: 65 }, (_, i) => ({ id: 100 + i, vector: [0, 0, 1], note: filler })) });
    expect(body.length).toBeGreaterThan(64 * 1024 * 1024);
    const res = await post(url(), 'entities/insert', body);
    expect({ status: res.status, code: res.code }).toEqual({ status: 200, code: 4 });
    expect(await state()).toEqual(before);
  });
});

describe('dbName and Int64', () => {
  it('takes the database from the DB-Name header when the body has none', async () => {
    expect((await post(url(), 'databases/create', { dbName: 'shop' })).code).toBe(0);
    const headers = { Authorization: ROOT_AUTH, 'DB-Name': 'shop' };
    expect((await post(url(), 'collections/create', { collectionName: 'carts', dimension: 2 }, headers)).code).toBe(0);
    expect((await post(url(), 'collections/list', {}, headers)).data).toEqual(['carts']);
    expect((await post(url(), 'collections/list', { dbName: 'shop' })).data).toEqual(['carts']);
    expect((await post(url(), 'collections/list', {})).data).toEqual(['items']);
  });

  it('keeps Int64 values beyond 2^53 exact: numbers by default, strings when Accept-Type-Allow-Int64 is false', async () => {
    const big = '9007199254740993'; // 2^53 + 1: not a double
    const insert = `{"collectionName": "items", "data": [{"id": ${big}, "vector": [0, 0, 1]}]}`;
    const ins = await fetch(`${url()}/v2/vectordb/entities/insert`, { method: 'POST', headers: { Authorization: ROOT_AUTH }, body: insert });
    expect(await ins.text()).toBe(`{"code":0,"data":{"insertCount":1,"insertIds":[${big}]}}`);
    const get = (allow: string) => fetch(`${url()}/v2/vectordb/entities/get`, { method: 'POST', headers: { Authorization: ROOT_AUTH, 'Accept-Type-Allow-Int64': allow }, body: `{"collectionName":"items","id":[${big}],"outputFields":["id"]}` }).then((r) => r.text());
    expect(await get('true')).toBe(`{"code":0,"data":[{"id":${big}}]}`);
    expect(await get('false')).toBe(`{"code":0,"data":[{"id":"${big}"}]}`);
  });
});
