import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScenario, scenarioInput } from '../edge/check-scenario.js';
import { runScenario, type ScenarioOutput } from '../edge/scenario.js';
import { ROOT, transpileTree } from '../edge/transpile.js';

// Deno 2 from the npm `deno` package runs the loader and the wasm engine; results are checked here.
const DENO = join(ROOT, 'node_modules/.bin/deno');
const WASM = join(ROOT, 'packages/core/wasm/quiver-hnsw.wasm');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quiver-deno-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the wasm engine in Deno', () => {
  it('loads from bytes and from a compiled module, and answers like brute force and like Node', async () => {
    const input = scenarioInput();
    const app = join(dir, 'app');
    transpileTree(['test/edge/deno-main.ts'], app);
    writeFileSync(join(dir, 'input.json'), JSON.stringify(input));
    copyFileSync(WASM, join(dir, 'quiver-hnsw.wasm'));
    const r = spawnSync(DENO, ['run', '--no-prompt', '--quiet', `--allow-read=${dir}`, join(app, 'test/edge/deno-main.js'), join(dir, 'input.json'), join(dir, 'quiver-hnsw.wasm')], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      env: { ...process.env, DENO_DIR: join(dir, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { deno: string; fromBytes: ScenarioOutput; fromModule: ScenarioOutput };
    expect(out.deno).toMatch(/^2\./);
    const reference = await runScenario(readFileSync(WASM), input);
    await checkScenario(input, out.fromBytes, reference);
    await checkScenario(input, out.fromModule, reference);
  }, 120_000);
});
