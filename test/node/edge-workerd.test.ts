import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScenario, scenarioInput } from '../edge/check-scenario.js';
import { runScenario, type ScenarioOutput } from '../edge/scenario.js';
import { ROOT, transpileTree } from '../edge/transpile.js';

// workerd (Cloudflare's runtime, through Miniflare) runs the loader and the wasm engine, with the
// module given as a precompiled WebAssembly.Module import; results are checked here.
const WASM = join(ROOT, 'packages/core/wasm/quiver-hnsw.wasm');

let dir: string;
let mf: Miniflare | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'quiver-workerd-'));
});
afterAll(async () => {
  await mf?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the wasm engine in workerd', () => {
  it('instantiates from a module import and answers like brute force and like Node', async () => {
    const input = scenarioInput();
    transpileTree(['test/edge/workerd-worker.ts'], dir);
    copyFileSync(WASM, join(dir, 'test/edge/quiver-hnsw.wasm'));
    mf = new Miniflare({
      scriptPath: join(dir, 'test/edge/workerd-worker.js'),
      modules: true,
      modulesRoot: dir,
      modulesRules: [
        { type: 'ESModule', include: ['**/*.js'] },
        { type: 'CompiledWasm', include: ['**/*.wasm'] },
      ],
      compatibilityDate: '2026-04-01',
    });
    const res = await mf.dispatchFetch('http://localhost/', { method: 'POST', body: JSON.stringify(input) });
    const body = (await res.json()) as { output?: ScenarioOutput; moduleKind?: string; error?: string };
    expect(body.error).toBeUndefined();
    expect(res.status).toBe(200);
    expect(body.moduleKind).toBe('[object WebAssembly.Module]');
    const reference = await runScenario(readFileSync(WASM), input);
    await checkScenario(input, body.output!, reference);
  }, 120_000);
});
