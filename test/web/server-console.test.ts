import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startServer } from '@quiver/server/node';

// The server's hook for the web console: a build folder is served at `/` (hashed assets cached
// for good, the rest revalidated), the API and /docs are unaffected, and without a build `/` is
// the placeholder page.
const dir = mkdtempSync(join(tmpdir(), 'quiver-web-hook-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('serves a console build at / next to the API, and the placeholder without one', async () => {
  const build = join(dir, 'dist');
  mkdirSync(join(build, 'assets'), { recursive: true });
  writeFileSync(join(build, 'index.html'), '<!doctype html><title>console build</title>');
  writeFileSync(join(build, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(build, 'sw.js'), '// worker');
  const s = await startServer({ port: 0, data: 'memory', auth: false, consoleDir: build });
  try {
    expect(s.app.console).toBe(true);
    const index = await fetch(`${s.url}/`);
    expect([index.status, index.headers.get('content-type'), index.headers.get('cache-control')]).toEqual([200, 'text/html; charset=utf-8', 'no-cache']);
    expect(await index.text()).toContain('console build');
    const asset = await fetch(`${s.url}/assets/app-1234.js`);
    expect([asset.status, asset.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await fetch(`${s.url}/sw.js`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${s.url}/missing.js`)).status).toBe(404);
    expect((await fetch(`${s.url}/docs`)).status).toBe(200);
    const api = await fetch(`${s.url}/v2/vectordb/collections/list`, { method: 'POST', body: '{}' });
    expect(await api.json()).toEqual({ code: 0, data: [] });
  } finally {
    await s.close();
  }

  const bare = await startServer({ port: 0, data: 'memory', auth: false, consoleDir: join(dir, 'no-build-here') });
  try {
    expect(bare.app.console).toBe(false);
    const page = await (await fetch(`${bare.url}/`)).text();
    expect(page).toContain('/docs');
    expect(page).not.toContain('console build');
  } finally {
    await bare.close();
  }
});
