// A test QueryNode worker: the package's worker API, except that it tells the page when a search
// starts (a plain message beside Comlink's), so a test can terminate it mid-search; a worker named
// `hang-search` never answers a search and one named `hang-beat` never answers a heartbeat (workers
// that stopped answering without dying).
import { expose, proxy } from 'comlink';
import { openWorkerQueryNode, type QueryNodeWorkerApi } from '@quiver/browser';
import type { QueryNode } from '@quiver/core';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

const api: QueryNodeWorkerApi = {
  async open(init) {
    const node = await openWorkerQueryNode(init);
    return proxy<QueryNode>({
      heartbeat: () => (self.name === 'hang-beat' ? never() : node.heartbeat()),
      loadSegment: (task) => node.loadSegment(task),
      loadIndex: (key, ix) => node.loadIndex(key, ix),
      releaseSegment: (key) => node.releaseSegment(key),
      search(task) {
        self.postMessage({ quiverTest: 'searching' });
        return self.name === 'hang-search' ? never() : node.search(task);
      },
    });
  },
};
expose(api);
