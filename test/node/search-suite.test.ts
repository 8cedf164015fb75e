import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
          await client.close();
        } finally {
          remove();
        }
      },
    };
  });
}
