// Core's storage conformance suites, run inside real workerd (Miniflare) against the Durable
// Object SQLite stores and the R2 object store (test/edge/cf-conformance-worker.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectAllPassed } from '../../../../../test/edge/conformance-report.js';
import { ROOT } from '../../../../../test/edge/transpile.js';
import type { TestResult } from '../../../../../test/edge/vitest-shim.js';
import { bundleWithWrangler, writeWranglerJson } from '../../../../../test/edge/wrangler-bundle.js';

let dir: string;
let mf: Miniflare;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quiver-cf-conformance-'));
  const config = writeWranglerJson(join(dir, 'worker'), {
    name: 'quiver-conformance',
    main: join(ROOT, 'test/edge/cf-conformance-worker.ts'),
    alias: { vitest: join(ROOT, 'test/edge/vitest-shim.ts'), '@quiver/core': join(ROOT, 'packages/core/src/index.ts') },
    durable_objects: { bindings: [{ name: 'CONFORMANCE', class_name: 'ConformanceObject' }] },
    migrations: [{ tag: 'v1', new_sqlite_classes: ['ConformanceObject'] }],
    r2_buckets: [{ binding: 'BUCKET', bucket_name: 'conformance' }],
  });
  const bundle = bundleWithWrangler(config, join(dir, 'out'), join(dir, 'worker'));
  mf = new Miniflare({
    scriptPath: bundle.entry,
    modules: true,
    modulesRoot: bundle.dir,
    compatibilityDate: '2026-04-01',
    durableObjects: { CONFORMANCE: { className: 'ConformanceObject', useSQLite: true } },
    r2Buckets: ['BUCKET'],
    durableObjectsPersist: join(dir, 'do'),
    r2Persist: join(dir, 'r2'),
  });
  await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function run(filter: string): Promise<TestResult[]> {
  const res = await mf.dispatchFetch(`http://conformance/?filter=${encodeURIComponent(filter)}`);
  const text = await res.text();
  try {
    return JSON.parse(text) as TestResult[];
  } catch {
    throw new Error(`workerd answered HTTP ${res.status}: ${text.slice(0, 2000)}`);
  }
}

describe('storage conformance inside workerd', () => {
  for (const suite of ['MetaStore conformance: Durable Object SQLite', 'Wal conformance: Durable Object SQLite', 'ObjectStore conformance: R2 >', 'ObjectStore conformance: R2 multipart', 'Storage conformance: Durable Object + R2']) {
    it(suite.replace(/ >$/, ''), async () => expectAllPassed(await run(suite), suite), 60_000);
  }
});
