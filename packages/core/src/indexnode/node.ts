import { decodeSegment } from '../datanode/files.js';
import type { AnnEngine } from '../index/types.js';
import type { IndexBuildTask, IndexNode } from '../roles.js';
import type { ObjectStore } from '../storage/types.js';

/**
 * The IndexNode role over an ObjectStore and an ANN engine: reads the segment file, builds the
 * index over every row (deleted rows are filtered at search time), and writes the index file.
 * In-process by default; the browser runs the same code in a Web Worker.
 */
export function createIndexNode(objects: ObjectStore, engine: () => Promise<AnnEngine>): IndexNode {
  return {
    async buildIndex(task: IndexBuildTask): Promise<{ bytes: number }> {
      const chunk = decodeSegment(await objects.get(task.segmentPath), task.segmentPath);
      const ann = await engine();
      const index = ann.createIndex({ indexType: task.indexType, dim: task.dim, metric: task.metric, params: task.params, capacity: chunk.rowCount, name: task.indexPath });
      try {
        const vectors = chunk.columns[task.field]?.values as Float32Array | undefined;
        if (vectors && chunk.rowCount > 0) index.add(vectors, 0);
        const bytes = index.serialize();
        await objects.put(task.indexPath, bytes);
        return { bytes: bytes.length };
      } finally {
        index.dispose();
      }
    },
  };
}
