// The REST compatibility tests of the Node server (server-auth, server-bodies, server-sdk), run
// unchanged against the Deno entry in real Deno: their `useServer()` is replaced by one that
// starts `packages/server/src/deno/main.ts` with its Deno KV state in a temp folder.
import { vi } from 'vitest';

vi.mock('./server-fixture.js', async (importOriginal) => {
  const fixture = await importOriginal<typeof import('./server-fixture.js')>();
  const { useDenoServer } = await import('../edge/rest-targets.js');
  return { ...fixture, useServer: () => useDenoServer(fixture.ROOT_PASSWORD) };
});

await import('./server-auth.test.js');
await import('./server-bodies.test.js');
await import('./server-sdk.test.js');
