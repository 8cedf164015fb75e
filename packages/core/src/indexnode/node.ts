import { decodeSegment } from '../datanode/files.js';
import type { AnnEngine } from '../index/types.js';
import type { IndexBuildTask, IndexNode } from '../roles.js';
import type { ObjectStore } from '../storage/types.js';

/** Rows added to an index between two pauses of an in-process build. */
const BUILD_BATCH = 256;

/**
 * The IndexNode role over an ObjectStore and an ANN engine: reads the segment file, builds the
 * index over every row (deleted rows are filtered at search time), and writes the index file.
 * In-process by default (give `pause` to let other work run between batches of rows); the browser
 * runs the same code in a Web Worker.
 */
export function createIndexNode(objects: ObjectStore, engine: () => Promise<AnnEngine>, pause?: () => Promise<void>): IndexNode {
  return {
    async buildIndex(task: IndexBuildTask): Promise<{ bytes: number }> {
      const chunk = decodeSegment(await objects.get(task.segmentPath), task.segmentPath);
      const ann = await engine();
      const index = ann.createIndex({ indexType: task.indexType, dim: task.dim, metric: task.metric, params: task.params, capacity: chunk.rowCount, name: task.indexPath });
      try {
        const vectors = chunk.columns[task.field]?.values as Float32Array | undefined;
        // Rows go in batches with a pause between them, so a build on the coordinator's thread
        // leaves room for requests instead of blocking them for the whole build.
        for (let row = 0; vectors && row < chunk.rowCount; row += BUILD_BATCH) {
          const end = Math.min(chunk.rowCount, row + BUILD_BATCH);
          index.add(vectors.subarray(row * task.dim, end * task.dim), row);
          if (pause && end < chunk.rowCount) await pause();
        }
        const bytes = index.serialize();
        await objects.put(task.indexPath, bytes);
        return { bytes: bytes.length };
      } finally {
        index.dispose();
      }
    },
  };
}
