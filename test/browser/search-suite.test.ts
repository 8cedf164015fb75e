import { expect } from 'vitest';
import { searchSuite } from '@quiver/core/testing/search';
import { deleteBrowserStorage, open } from '@quiver/browser';

// The shared search correctness suite (packages/core/src/testing/search-suite.ts) in Chromium on
// idb:// databases, deleted after: sealed segments searched on the page's thread, and by a pool of
// two QueryNode workers. Both must give the same answers as the brute force.
const target = (queryWorkers: number) => async () => {
  const uri = `idb://test-${crypto.randomUUID()}`;
  const remove = () => deleteBrowserStorage(uri, { lock: 'wait', signal: AbortSignal.timeout(5000) });
  const client = await open({ uri, tickMs: 0, queryWorkers }).catch(async (e: unknown) => {
    await remove();
    throw e;
  });
  return {
    client,
    async close() {
      try {
        // The suite ran against the intended placement: no QueryNode worker failed, and with
        // workers the sealed segments were theirs (a pool whose workers could not load would
        // leave every segment on the page, and this target would test nothing new).
        const info = await client.queryNodes();
        expect(info.failures).toEqual([]);
        expect(info.nodes.length).toBe(queryWorkers);
        if (queryWorkers > 0) expect(info.nodes.reduce((n, x) => n + x.ready, 0)).toBeGreaterThan(0);
        await client.close({ flush: false });
      } finally {
        await remove();
      }
    },
  };
};

searchSuite('browser idb://, search on the main thread (queryWorkers: 0)', target(0));
searchSuite('browser idb://, 2 QueryNode workers', target(2));
