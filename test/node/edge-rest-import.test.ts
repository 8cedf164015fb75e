// Import jobs at the edge: on Cloudflare the files come from the R2 bucket under `imports/`
// (Milvus imports from its object storage too); on Deno from the data folder, as on Node.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDeno } from '../edge/deno-quiver.js';
import { startWorkerd } from '../edge/workerd-quiver.js';
import { post, ROOT_PASSWORD, vectors } from './server-fixture.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const ENV = { QUIVER_ROOT_PASSWORD: ROOT_PASSWORD, QUIVER_PASSWORD_ITERATIONS: '1000' };
const ROWS = vectors(25, 4, 8).map((vector, id) => ({ id, vector, title: `row ${id}` }));

/** Runs one job to its end and returns its final progress record. */
async function importJob(url: string, files: string[][]): Promise<any> {
  const create = await post(url, 'jobs/import/create', { collectionName: 'imp', files });
  expect(create.code, create.message).toBe(0);
  for (let i = 0; i < 200; i++) {
    const p = await post(url, 'jobs/import/get_progress', { jobId: create.data.jobId });
    if (p.data.state === 'Completed' || p.data.state === 'Failed') return p.data;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import job did not finish');
}

async function check(url: string): Promise<void> {
  expect((await post(url, 'collections/create', { collectionName: 'imp', dimension: 4 })).code).toBe(0);
  expect(await importJob(url, [['rows.json']])).toMatchObject({ state: 'Completed', importedRows: 25, totalRows: 25 });
  expect((await post(url, 'entities/query', { collectionName: 'imp', filter: '', outputFields: ['count(*)'] })).data).toEqual([{ 'count(*)': 25 }]);
  expect((await post(url, 'entities/get', { collectionName: 'imp', id: [24], outputFields: ['title'] })).data).toEqual([{ id: 24, title: 'row 24' }]);
  for (const [file, reason] of [['missing.json', 'not found'], ['../rows.json', 'not found']] as const) {
    const failed = await importJob(url, [[file]]);
    expect(failed.state).toBe('Failed');
    expect(failed.reason).toContain(reason);
  }
}

describe('jobs/import at the edge', () => {
  it('reads import files from R2 (imports/…) on Cloudflare', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiver-import-cf-'));
    dirs.push(dir);
    const w = await startWorkerd(dir, ENV);
    try {
      await (await w.mf.getR2Bucket('QUIVER_BUCKET')).put('imports/rows.json', JSON.stringify(ROWS));
      await check(w.url);
    } finally {
      await w.dispose();
    }
  }, 60_000);

  it('reads import files from the data folder on Deno', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiver-import-deno-'));
    dirs.push(dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'rows.json'), JSON.stringify(ROWS));
    const d = await startDeno(dir, ENV);
    try {
      await check(d.url);
    } finally {
      await d.dispose();
    }
  }, 60_000);
});
