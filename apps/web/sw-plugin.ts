// Vite plugin: after the build, writes dist/sw.js = VERSION (a hash of every built file) +
// PRECACHE (their paths) + the hand-written worker in sw/sw.js. A new build changes VERSION, so
// browsers install the new worker, which replaces the old cache.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

/** Files that never go in the cache (the worker itself; the data stamp is a build detail). */
const SKIP = new Set(['sw.js', 'data/stamp.json']);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .filter((f) => !SKIP.has(f))
    .sort();
}

/** The service worker plugin. */
export function serviceWorker(source: string): Plugin {
  let outDir = '';
  return {
    name: 'quiver-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const list = files(outDir);
      const hash = createHash('sha256');
      for (const f of list) hash.update(f).update(readFileSync(join(outDir, f)));
      const version = hash.digest('hex').slice(0, 16);
      const code = `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(list.filter((f) => f !== 'index.html'))};\n${readFileSync(source, 'utf8')}`;
      writeFileSync(join(outDir, 'sw.js'), code);
    },
  };
}
