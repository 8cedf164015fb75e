import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// Shared with the build script, which stamps this hash into the module it writes.
import { buildInputsHash, readBuildStamp } from '../../../../wasm/tools/build-inputs.mjs';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const COMMITTED = join(ROOT, 'packages/core/wasm/quiver-hnsw.wasm');

function emccVersion(): string | null {
  const r = spawnSync('em++', ['--version'], { encoding: 'utf8', env: { ...process.env, NODE_PATH: process.env.NODE_PATH ?? '/usr/share/nodejs' } });
  return r.status === 0 ? r.stdout.split('\n')[0]! : null;
}

describe('the committed quiver-hnsw.wasm', () => {
  it('was built from the current wrapper sources, build script and hnswlib headers', () => {
    const stamp = readBuildStamp(readFileSync(COMMITTED));
    expect(stamp).not.toBeNull();
    expect(stamp.inputs).toBe(buildInputsHash(ROOT));
    expect(stamp.hnswlib).toMatch(/^hnswlib-node /);
  });

  it('is what wasm/build.sh produces now (byte for byte with the same emscripten; same stamp otherwise)', () => {
    const committed = readFileSync(COMMITTED);
    const version = emccVersion();
    if (version === null) {
      // No emscripten here (a fresh clone needs none): the stamp check above is what can be checked.
      expect(readBuildStamp(committed).inputs).toBe(buildInputsHash(ROOT));
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'quiver-wasm-'));
    try {
      const out = join(dir, 'quiver-hnsw.wasm');
      const r = spawnSync('bash', [join(ROOT, 'wasm/build.sh'), out], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const rebuilt = readFileSync(out);
      expect(readBuildStamp(rebuilt).inputs).toBe(readBuildStamp(committed).inputs);
      if (readBuildStamp(committed).emcc === version) {
        expect(Buffer.compare(rebuilt, committed)).toBe(0);
      } else {
        // Another emscripten release emits other bytes for the same inputs; the stamps still agree.
        expect(readBuildStamp(rebuilt).emcc).toBe(version);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
