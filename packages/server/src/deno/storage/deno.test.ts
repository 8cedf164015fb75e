// Core's storage conformance suites, run inside real Deno (the npm `deno` package) against the
// Deno KV stores (test/edge/deno-conformance.ts; `vitest` mapped to the shim by an import map).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectAllPassed } from '../../../../../test/edge/conformance-report.js';
import { DENO, DENO_FLAGS } from '../../../../../test/edge/deno-quiver.js';
import { ROOT } from '../../../../../test/edge/transpile.js';
import type { TestResult } from '../../../../../test/edge/vitest-shim.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quiver-deno-conformance-'));
  writeFileSync(join(dir, 'import-map.json'), JSON.stringify({ imports: { vitest: pathToFileURL(join(ROOT, 'test/edge/vitest-shim.ts')).href } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(filter: string): TestResult[] {
  const scratch = mkdtempSync(join(dir, 'run-'));
  const r = spawnSync(DENO, ['run', ...DENO_FLAGS, `--import-map=${join(dir, 'import-map.json')}`, `--allow-read`, `--allow-write=${scratch}`, join(ROOT, 'test/edge/deno-conformance.ts'), scratch, filter], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 << 20,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  });
  if (r.status !== 0) throw new Error(`deno exited with ${r.status}:\n${r.stderr}`);
  return JSON.parse(r.stdout) as TestResult[];
}

describe('storage conformance inside Deno', () => {
  for (const suite of ['MetaStore conformance', 'Wal conformance', 'ObjectStore conformance', 'Storage conformance']) {
    it(`${suite}: Deno KV`, () => expectAllPassed(run(suite), suite), 60_000);
  }
});
