// Stand-ins for server-fixture.ts's `useServer()` that start Quiver on an edge runtime instead of
// Node, so the REST test files run unchanged against it (see test/node/edge-rest-*.test.ts).
// Each gets a fresh state folder, root's password (the fixture's, passed in: this module is
// loaded from inside the fixture's mock, so it cannot import the fixture), and fast PBKDF2.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startDeno, type DenoQuiver } from './deno-quiver.js';
import { startWorkerd, type WorkerdQuiver } from './workerd-quiver.js';

/** What the REST test files use of a running server. */
export interface EdgeServer {
  readonly url: string;
  readonly dir: string;
}

function useEdge(start: (dir: string) => Promise<{ url: string; dispose(): Promise<void> }>, name: string): () => EdgeServer {
  let server: { url: string; dir: string; dispose(): Promise<void> } | undefined;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), `quiver-${name}-`));
    server = Object.assign(await start(dir), { dir });
  }, 60_000);
  afterAll(async () => {
    if (!server) return;
    await server.dispose();
    rmSync(server.dir, { recursive: true, force: true });
  });
  return () => {
    if (!server) throw new Error(`${name} server not started`);
    return server;
  };
}

/** `useServer()` on the Cloudflare Worker in workerd (Miniflare, persisted state). */
export function useWorkerdServer(rootPassword: string): () => EdgeServer {
  return useEdge((dir): Promise<WorkerdQuiver> => startWorkerd(dir, { QUIVER_ROOT_PASSWORD: rootPassword, QUIVER_PASSWORD_ITERATIONS: '1000' }), 'workerd');
}

/** `useServer()` on the Deno entry (`deno run`, Deno KV state). */
export function useDenoServer(rootPassword: string): () => EdgeServer {
  return useEdge((dir): Promise<DenoQuiver> => startDeno(dir, { QUIVER_ROOT_PASSWORD: rootPassword, QUIVER_PASSWORD_ITERATIONS: '1000' }), 'deno');
}
