// The REST compatibility tests of the Node server (server-auth, server-bodies, server-sdk), run
// unchanged against the Cloudflare Worker in real workerd: their `useServer()` is replaced by one
// that starts the Worker bundle in Miniflare with persisted Durable Object and R2 state.
import { vi } from 'vitest';

vi.mock('./server-fixture.js', async (importOriginal) => {
  const fixture = await importOriginal<typeof import('./server-fixture.js')>();
  const { useWorkerdServer } = await import('../edge/rest-targets.js');
  return { ...fixture, useServer: () => useWorkerdServer(fixture.ROOT_PASSWORD) };
});

await import('./server-auth.test.js');
await import('./server-bodies.test.js');
await import('./server-sdk.test.js');
