// Import jobs: JSON and Parquet files from the data folder through jobs/import/*, progress
// records, failures reported per file, paths kept inside the data folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { post, useServer, vectors } from './server-fixture.js';

const server = useServer();
const url = (): string => server().url;
const VEC = vectors(30, 4, 3);

beforeAll(async () => {
  const dir = join(server().dir, 'import');
  mkdirSync(dir);
  const json = VEC.slice(0, 20).map((vector, i) => ({ id: i, vector, title: `json ${i}` }));
  writeFileSync(join(dir, 'rows.json'), JSON.stringify(json));
  writeFileSync(join(dir, 'wrapped.json'), JSON.stringify({ rows: [{ id: 20, vector: VEC[20], title: 'wrapped' }] }));
  const ids = Array.from({ length: 9 }, (_, i) => BigInt(21 + i));
  const pq = parquetWriteBuffer({ columnData: [{ name: 'id', data: ids, type: 'INT64' }, { name: 'vector', data: VEC.slice(21, 30) }, { name: 'title', data: ids.map((i) => `parquet ${i}`), type: 'STRING' }] });
  writeFileSync(join(dir, 'rows.parquet'), new Uint8Array(pq));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ id: 99, vector: [1, 2] }]));
  expect((await post(url(), 'collections/create', { collectionName: 'imp', dimension: 4 })).code).toBe(0);
});

describe('jobs/import', () => {
  it('imports JSON and Parquet files and reports the job as completed', async () => {
    const create = await post(url(), 'jobs/import/create', { collectionName: 'imp', files: [['import/rows.json'], ['/import/wrapped.json'], ['import/rows.parquet']] });
    expect(create.code).toBe(0);
    const jobId = create.data.jobId as string;
    await server().app.drain();
    const progress = await post(url(), 'jobs/import/get_progress', { jobId });
    expect(progress.data).toMatchObject({ jobId, collectionName: 'imp', state: 'Completed', progress: 100, importedRows: 30, totalRows: 30 });
    expect(progress.data.details.map((d: { fileName: string; importedRows: number }) => [d.fileName, d.importedRows])).toEqual([['import/rows.json', 20], ['/import/wrapped.json', 1], ['import/rows.parquet', 9]]);
    const list = await post(url(), 'jobs/import/list', { collectionName: 'imp' });
    expect(list.data.records).toContainEqual({ jobId, collectionName: 'imp', state: 'Completed', progress: 100 });
    const rows = await post(url(), 'entities/query', { collectionName: 'imp', filter: 'id in [0, 20, 29]', outputFields: ['title'] });
    expect(rows.data.map((r: { title: string }) => r.title).sort()).toEqual(['json 0', 'parquet 29', 'wrapped']);
  });

  it('reports a failing file with its reason', async () => {
    for (const [file, reason] of [['import/bad.json', 'dim'], ['import/missing.json', 'not found'], ['../../etc/passwd.json', 'not found'], ['import/rows.txt', 'not found']] as const) {
      const create = await post(url(), 'jobs/import/create', { collectionName: 'imp', files: [[file]] });
      expect(create.code).toBe(0);
      await server().app.drain();
      const p = await post(url(), 'jobs/import/get_progress', { jobId: create.data.jobId });
      expect(p.data.state).toBe('Failed');
      expect(p.data.reason).toContain(reason);
    }
  });

  it('refuses jobs for unknown collections, empty file lists and unknown job ids', async () => {
    expect((await post(url(), 'jobs/import/create', { collectionName: 'nope', files: [['import/rows.json']] })).code).toBe(100);
    expect((await post(url(), 'jobs/import/create', { collectionName: 'imp', files: [] })).code).toBe(1100);
    expect((await post(url(), 'jobs/import/get_progress', { jobId: '12345' })).code).toBe(1000);
  });
});
