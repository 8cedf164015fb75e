// Runs Quiver's Cloudflare Worker (bundled from the repository's wrangler.toml by wrangler, as
// `wrangler deploy` would) in real workerd through Miniflare's API, with Durable Object and R2
// state persisted in a folder, on a loopback port.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { ROOT } from './transpile.js';
import { bundleWithWrangler, type Bundle } from './wrangler-bundle.js';

let bundled: Bundle | undefined;

/** The Worker bundle (built once per process). */
export function quiverBundle(): Bundle {
  bundled ??= bundleWithWrangler(join(ROOT, 'wrangler.toml'), join(mkdtempSync(join(tmpdir(), 'quiver-bundle-')), 'out'));
  return bundled;
}

/** A running Worker. */
export interface WorkerdQuiver {
  readonly url: string;
  readonly mf: Miniflare;
  dispose(): Promise<void>;
}

/** Starts the Worker on 127.0.0.1 (port 0: a free one) with state under `stateDir`. */
export async function startWorkerd(stateDir: string, vars: Record<string, string> = {}, port = 0): Promise<WorkerdQuiver> {
  const b = quiverBundle();
  const mf = new Miniflare({
    scriptPath: b.entry,
    modules: true,
    modulesRoot: b.dir,
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    compatibilityDate: '2026-04-01',
    durableObjects: { QUIVER_OBJECTS: { className: 'QuiverDurableObject', useSQLite: true } },
    r2Buckets: { QUIVER_BUCKET: 'quiver' },
    bindings: { QUIVER_AUTH: 'on', ...vars },
    durableObjectsPersist: join(stateDir, 'do'),
    r2Persist: join(stateDir, 'r2'),
    host: '127.0.0.1',
    port,
  });
  const url = (await mf.ready).toString().replace(/\/$/, '');
  return { url, mf, dispose: () => mf.dispose() };
}
