import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { searchSuite } from '@quiver/core/testing/search';
import { open } from '@quiver/node';

// The shared search correctness suite (packages/core/src/testing/search-suite.ts) in Node, on
// memory and on files in a temp folder (removed after), with search in this thread and with
// sealed segments served by two QueryNode worker threads.
searchSuite('node, memory://', async () => {
  const client = await open({ uri: 'memory://', tickMs: 0 });
  return { client, close: () => client.close() };
});

for (const queryWorkers of [0, 2]) {
  searchSuite(`node, file://, queryWorkers: ${queryWorkers}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiver-search-'));
    const remove = () => rmSync(dir, { recursive: true, force: true });
    const client = await open({ uri: pathToFileURL(dir).href, tickMs: 0, queryWorkers }).catch((e: unknown) => {
      remove();
      throw e;
    });
    return {
      client,
      async close() {
        try {
          // The suite ran against the intended placement: no QueryNode failed, and with threads the
          // sealed segments were theirs (a pool that could not start would leave them all here).
          const info = await client.queryNodes();
          expect(info.failures).toEqual([]);
          expect(info.nodes.length).toBe(queryWorkers);
          if (queryWorkers > 0) expect(info.nodes.reduce((n, x) => n + x.ready, 0)).toBeGreaterThan(0);
          await client.close();
        } finally {
          remove();
        }
      },
    };
  });
}
