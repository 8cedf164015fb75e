// Data survives restarting the runtime on the same state folder: the Cloudflare Worker in workerd
// (Miniflare disposed and started again: Durable Objects come back from their SQLite files, segment
// files from R2) and the Deno entry (killed without a chance to flush, then stopped cleanly).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDeno } from '../edge/deno-quiver.js';
import { startWorkerd } from '../edge/workerd-quiver.js';
import { post, ROOT_AUTH, ROOT_PASSWORD, vectors } from './server-fixture.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function stateDir(name: string): string {
  const d = mkdtempSync(join(tmpdir(), `quiver-restart-${name}-`));
  dirs.push(d);
  return d;
}

const DIM = 8;
const VEC = vectors(400, DIM, 5);
const ENV = { QUIVER_ROOT_PASSWORD: ROOT_PASSWORD, QUIVER_PASSWORD_ITERATIONS: '1000' };

/** Writes a bit of everything: a flushed segment, WAL-only rows, deletes, a user, a second database. */
async function write(url: string): Promise<void> {
  const ok = async (path: string, body: unknown, headers?: Record<string, string>) => expect((await post(url, path, body, headers)).code, path).toBe(0);
  await ok('collections/create', {
    collectionName: 'docs',
    schema: { fields: [{ fieldName: 'id', dataType: 'Int64', isPrimary: true }, { fieldName: 'tag', dataType: 'VarChar', elementTypeParams: { max_length: 16 } }, { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim: DIM } }] },
    indexParams: [{ fieldName: 'vec', metricType: 'L2', params: { index_type: 'HNSW', M: 8, efConstruction: 64 } }],
  });
  await ok('entities/insert', { collectionName: 'docs', data: VEC.slice(0, 300).map((vec, id) => ({ id, tag: `t${id % 3}`, vec })) });
  await ok('collections/flush', { collectionName: 'docs' });
  await ok('entities/insert', { collectionName: 'docs', data: VEC.slice(300).map((vec, i) => ({ id: 300 + i, tag: 'late', vec })) });
  await ok('entities/delete', { collectionName: 'docs', filter: 'id < 10' });
  await ok('users/create', { userName: 'alice', password: 'alice_pw_1' });
  await ok('databases/create', { dbName: 'shop' });
  await ok('collections/create', { collectionName: 'carts', dimension: 2, dbName: 'shop' });
  await ok('entities/insert', { collectionName: 'carts', dbName: 'shop', data: [{ id: 1, vector: [1, 0] }] });
}

/** What must be the same before and after a restart. */
async function read(url: string): Promise<unknown> {
  const search = await post(url, 'entities/search', { collectionName: 'docs', data: [VEC[42], VEC[350]], annsField: 'vec', limit: 5, outputFields: ['tag'] });
  return {
    count: (await post(url, 'entities/query', { collectionName: 'docs', filter: '', outputFields: ['count(*)'] })).data,
    late: (await post(url, 'entities/query', { collectionName: 'docs', filter: 'tag == "late"', outputFields: ['count(*)'] })).data,
    deleted: (await post(url, 'entities/get', { collectionName: 'docs', id: [0, 5, 10] })).data,
    search: search.data,
    alice: (await post(url, 'collections/list', {}, { Authorization: 'Bearer alice:alice_pw_1' })).status,
    databases: (await post(url, 'databases/list', {})).data,
    carts: (await post(url, 'entities/query', { collectionName: 'carts', filter: '', outputFields: ['count(*)'] }, { Authorization: ROOT_AUTH, 'DB-Name': 'shop' })).data,
  };
}

function expectState(state: any): void {
  expect(state.count).toEqual([{ 'count(*)': 390 }]);
  expect(state.late).toEqual([{ 'count(*)': 100 }]);
  expect(state.deleted.map((r: { id: number }) => r.id)).toEqual([10]);
  expect(state.search.map((h: { id: number }) => h.id).slice(0, 1)).toEqual([42]);
  expect(state.alice).toBe(403); // authenticated, but holds no ShowCollections privilege
  expect(state.databases).toEqual(['default', 'shop']);
  expect(state.carts).toEqual([{ 'count(*)': 1 }]);
}

describe('restarting on the same state folder', () => {
  it('keeps everything in workerd: Durable Object SQLite and R2 come back', async () => {
    const dir = stateDir('workerd');
    let w = await startWorkerd(dir, ENV);
    await write(w.url);
    const before = await read(w.url);
    expectState(before);
    await w.dispose();

    w = await startWorkerd(dir, ENV);
    try {
      expect(await read(w.url)).toEqual(before);
      const files = (await (await w.mf.getR2Bucket('QUIVER_BUCKET')).list()).objects.map((o) => o.key);
      expect(files.some((k) => k.startsWith('db/default/') && k.endsWith('.qseg'))).toBe(true); // the flushed segment lives in R2
    } finally {
      await w.dispose();
    }
  }, 90_000);

  it('keeps everything in Deno: killed without flushing, then stopped cleanly', async () => {
    const dir = stateDir('deno');
    let d = await startDeno(dir, ENV);
    await write(d.url);
    const before = await read(d.url);
    expectState(before);
    process.kill(d.pid, 'SIGKILL');
    await d.dispose();

    d = await startDeno(dir, ENV);
    expect(await read(d.url)).toEqual(before);
    expect(await d.dispose()).toBe(0); // SIGTERM: finishes, flushes, exits 0
    expect(d.output()).toContain('stopped');

    d = await startDeno(dir, ENV);
    try {
      expect(await read(d.url)).toEqual(before);
    } finally {
      await d.dispose();
    }
  }, 90_000);
});
