// A test IndexNode worker: the package's worker API, except that it tells the page when a build
// starts (a plain message beside Comlink's), so a test can terminate it mid-build; a worker named
// `hang` never answers a build (a worker that stopped answering without dying). Segment writes
// (the DataNode role of the same worker) go through unchanged.
import { expose, proxy } from 'comlink';
import { openWorkerIndexNode, type IndexNodeWorkerApi } from '@quiver/browser';
import type { DataNode, IndexNode } from '@quiver/core';

const api: IndexNodeWorkerApi = {
  async open(init) {
    const node = await openWorkerIndexNode(init);
    return proxy<IndexNode & DataNode>({
      writeSegment: (task) => node.writeSegment(task),
      buildIndex(task) {
        self.postMessage({ quiverTest: 'building', indexPath: task.indexPath });
        if (self.name === 'hang') return new Promise<never>(() => undefined);
        return node.buildIndex(task);
      },
    });
  },
};
expose(api);
