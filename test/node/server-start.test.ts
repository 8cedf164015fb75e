// `npm start` as a user runs it: spawn, wait for the printed address, make requests, SIGTERM,
// and find the data flushed to segment files in the data folder; a second start keeps root's
// password and the data.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { open } from '@quiver/node';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'quiver-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  url: string;
  output: () => string;
  stop: () => Promise<number | null>;
}

function start(env: Record<string, string>): Promise<Started> {
  const child = spawn('npm', ['start', '--', '--port', '0', '--data', dir], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  return new Promise((ok, fail) => {
    const onData = (b: Buffer): void => {
      out += b.toString();
      const m = /Quiver listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.on('data', (more: Buffer) => (out += more.toString()));
        ok({
          url: m[1]!,
          output: () => out,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    void exited.then((code) => fail(new Error(`npm start exited (${code}) before listening:\n${out}`)));
  });
}

async function post(url: string, path: string, body: unknown, auth: string): Promise<{ code: number; data?: any }> {
  const res = await fetch(`${url}/v2/vectordb/${path}`, { method: 'POST', headers: { Authorization: `Bearer ${auth}` }, body: JSON.stringify(body) });
  return (await res.json()) as { code: number; data?: any };
}

describe('npm start', () => {
  it('serves, prints a generated root password once, stops on SIGTERM and flushes', async () => {
    const s = await start({ QUIVER_ROOT_PASSWORD: '' });
    const pw = /generated password: (\S+)/.exec(s.output())?.[1];
    expect(pw).toBeDefined();
    expect((await fetch(`${s.url}/`)).status).toBe(200);
    expect((await post(s.url, 'collections/list', {}, 'root:wrong_pw')).code).toBe(1800);
    expect((await post(s.url, 'collections/create', { collectionName: 'kept', dimension: 2 }, `root:${pw}`)).code).toBe(0);
    expect((await post(s.url, 'entities/insert', { collectionName: 'kept', data: [{ id: 1, vector: [1, 0] }, { id: 2, vector: [0, 1] }] }, `root:${pw}`)).code).toBe(0);
    expect(await s.stop()).toBe(0);
    expect(s.output()).toContain('stopped');

    // flushed: the rows are in a segment file, not only in the WAL
    const files = readdirSync(join(dir, 'objects'), { recursive: true }).map(String);
    expect(files.some((f) => f.endsWith('.qseg'))).toBe(true);

    const again = await start({ QUIVER_ROOT_PASSWORD: '' });
    expect(again.output()).not.toContain('generated password');
    const rows = await post(again.url, 'entities/query', { collectionName: 'kept', filter: '', outputFields: ['count(*)'] }, `root:${pw}`);
    expect(rows.data).toEqual([{ 'count(*)': 2 }]);
    expect(await again.stop()).toBe(0);

    const db = await open({ uri: `file://${dir}` });
    expect((await db.query({ collectionName: 'kept', filter: 'id == 2', outputFields: ['vector'] })).data).toEqual([{ id: 2, vector: [0, 1] }]);
    await db.close();
  }, 60_000);
});
