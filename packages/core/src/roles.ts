import type { IndexType, MetricType } from './index/types.js';

// Role interfaces that can run apart from the coordinators (STYLE.md §1). In Node and at the edge
// they run in-process; in the browser a Comlink `wrap()` of the same interface is the client of a
// Web Worker that `expose()`s it, so there is no hand-written RPC. Every argument and result is
// structured-clone friendly.

/** One index build: read a flushed segment file, build the index of one vector field, write its file. */
export interface IndexBuildTask {
  /** Object-store path of the segment file (read). */
  readonly segmentPath: string;
  /** Object-store path of the index file (written). */
  readonly indexPath: string;
  readonly field: string;
  readonly dim: number;
  readonly indexType: IndexType;
  readonly metric: MetricType;
  readonly params: Readonly<Record<string, unknown>>;
}

/** IndexNode: builds ANN index files for flushed segments. */
export interface IndexNode {
  /** Builds and stores the index file; resolves with its size in bytes once it is durable. */
  buildIndex(task: IndexBuildTask): Promise<{ readonly bytes: number }>;
}
