import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Not yet re-exported by the @quiver/core barrel; imported from its source until it is.
import { createWasmEngine } from '@quiver/core';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadWasmBytes, loadWasmModule, wasmPath } from './wasm.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const COMMITTED = join(ROOT, 'packages/core/wasm/quiver-hnsw.wasm');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('loadWasmBytes', () => {
  it('reads the committed module from @quiver/core in this workspace, and it runs', async () => {
    const bytes = await loadWasmBytes();
    expect(sha(bytes)).toBe(sha(readFileSync(COMMITTED)));
    expect(await loadWasmBytes()).toBe(bytes); // read once
    for (const source of [bytes, await loadWasmModule()]) {
      const engine = await createWasmEngine(source);
      const idx = engine.createIndex({ indexType: 'FLAT', dim: 2, metric: 'L2' });
      idx.add(Float32Array.from([0, 0, 1, 1, 5, 5]), 0);
      expect(Array.from(idx.search(Float32Array.from([0.9, 1.2]), 1).ids)).toEqual([1]);
    }
  });

  it('finds the module from an installed package layout (no workspace, no source condition)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiver-node-wasm-'));
    try {
      const core = join(dir, 'node_modules/@quiver/core');
      const node = join(dir, 'node_modules/@quiver/node');
      mkdirSync(join(core, 'wasm'), { recursive: true });
      mkdirSync(join(node, 'dist'), { recursive: true });
      copyFileSync(join(ROOT, 'packages/core/package.json'), join(core, 'package.json'));
      copyFileSync(COMMITTED, join(core, 'wasm/quiver-hnsw.wasm'));
      writeFileSync(join(node, 'package.json'), JSON.stringify({ name: '@quiver/node', type: 'module' }));
      const js = ts.transpileModule(readFileSync(new URL('./wasm.ts', import.meta.url), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      writeFileSync(join(node, 'dist/wasm.js'), js);
      writeFileSync(
        join(node, 'dist/check.mjs'),
        "import { loadWasmBytes, wasmPath } from './wasm.js';\nconst b = await loadWasmBytes();\nconsole.log(JSON.stringify({ path: wasmPath(), length: b.length }));\n",
      );
      const r = spawnSync(process.execPath, [join(node, 'dist/check.mjs')], { encoding: 'utf8', cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { path: string; length: number };
      expect(out.path).toBe(join(core, 'wasm/quiver-hnsw.wasm'));
      expect(out.length).toBe(readFileSync(COMMITTED).length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('resolves inside the workspace to the committed file', () => {
    expect(wasmPath()).toBe(COMMITTED);
  });
});
