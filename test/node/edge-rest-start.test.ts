// `npm run start:cloudflare` and `npm run start:deno` as a user runs them: spawn, wait for the
// printed address, read the generated root password, write, SIGTERM, start again on the same
// state folder and find the data (and no second generated password).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

interface Started {
  url: string;
  output: () => string;
  stop: () => Promise<number | null>;
}

function start(script: string, env: Record<string, string>): Promise<Started> {
  const child = spawn('npm', ['run', '--silent', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  return new Promise((ok, fail) => {
    const timer = setInterval(() => {
      const m = /Quiver listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearInterval(timer);
      ok({ url: m[1]!, output: () => out, stop: () => (child.kill('SIGTERM'), exited) });
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      fail(new Error(`npm run ${script} exited (${code}) before listening:\n${out}`));
    });
  });
}

async function post(url: string, path: string, body: unknown, auth: string): Promise<{ code: number; data?: any }> {
  const res = await fetch(`${url}/v2/vectordb/${path}`, { method: 'POST', headers: { Authorization: `Bearer ${auth}` }, body: JSON.stringify(body) });
  return (await res.json()) as { code: number; data?: any };
}

describe.each([
  ['start:cloudflare', 'data/cloudflare'],
  ['start:deno', 'data/deno'],
])('npm run %s', (script) => {
  it('serves on the given port with state in the folder, prints a generated root password once, and keeps data across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), `quiver-${script.replace(':', '-')}-`));
    dirs.push(dir);
    const port = await freePort();
    const env = { QUIVER_PORT: String(port), QUIVER_DATA: dir, QUIVER_ROOT_PASSWORD: '', QUIVER_PASSWORD_ITERATIONS: '1000' };
    const s = await start(script, env);
    expect(s.url).toBe(`http://127.0.0.1:${port}`);
    const pw = /generated password: (\S+)/.exec(s.output())?.[1];
    expect(pw, s.output()).toBeDefined();
    expect((await post(s.url, 'collections/list', {}, 'root:wrong_pw')).code).toBe(1800);
    expect((await post(s.url, 'collections/create', { collectionName: 'kept', dimension: 2 }, `root:${pw}`)).code).toBe(0);
    expect((await post(s.url, 'entities/insert', { collectionName: 'kept', data: [{ id: 1, vector: [1, 0] }, { id: 2, vector: [0, 1] }] }, `root:${pw}`)).code).toBe(0);
    expect(await s.stop()).toBe(0);

    const again = await start(script, env);
    try {
      expect(again.output()).not.toContain('generated password');
      expect((await post(again.url, 'entities/query', { collectionName: 'kept', filter: '', outputFields: ['count(*)'] }, `root:${pw}`)).data).toEqual([{ 'count(*)': 2 }]);
      const hit = await post(again.url, 'entities/search', { collectionName: 'kept', data: [[0, 1]], limit: 1 }, `root:${pw}`);
      expect(hit.data.map((h: { id: number }) => h.id)).toEqual([2]);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  }, 90_000);
});
