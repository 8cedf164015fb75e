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

/** The ANN index a QueryNode serves for one vector field of a segment. */
export interface ServedIndex {
  readonly indexName: string;
  readonly field: string;
  /** Object-store path of the index file. */
  readonly path: string;
}

/** A sealed segment a QueryNode is asked to serve: it reads the files itself. */
export interface SegmentServeTask {
  /** The segment's key (its data file path: unique, never reused). */
  readonly key: string;
  /** Object-store path of the segment file (read for vector fields without an index). */
  readonly segmentPath: string;
  readonly rows: number;
  /** Index files to load; vector fields without one are searched by exact scan. */
  readonly indexes: readonly ServedIndex[];
}

/** What every index search of one request needs, wherever the index lives. */
export interface AnnParams {
  readonly field: string;
  /** The index to search (an exact scan when the segment has none). */
  readonly indexName: string | undefined;
  readonly metric: MetricType;
  readonly k: number;
  readonly ef?: number | undefined;
  /** When `ef` is not given: search with max(k, efFloor) instead of the engine's default. */
  readonly efFloor?: number | undefined;
  /** Range search: keep hits strictly beyond `radius` and up to `rangeFilter` (per metric direction). */
  readonly radius?: number | undefined;
  readonly rangeFilter?: number | undefined;
}

/** One search over some of a QueryNode's segments: the coordinator decided which rows are allowed. */
export interface QueryNodeSearchTask extends AnnParams {
  /** Per segment: its key and the allowed rows as packed bits (LSB first), or null when every row is allowed. */
  readonly segments: ReadonlyArray<{ readonly key: string; readonly allowed: Uint8Array | null }>;
  /** `nq` query vectors of `dim` floats, row-major. */
  readonly queries: Float32Array;
  readonly dim: number;
}

/** The merged top-k of every query over a QueryNode's segments, best first per query. */
export interface QueryNodeHits {
  /** Hits of query i are entries `[start_i, start_i + counts[i])`, one query after the other. */
  readonly counts: Int32Array;
  /** Index into the task's `segments` of each hit. */
  readonly segments: Int32Array;
  /** Row offset within its segment. */
  readonly rows: Int32Array;
  readonly distances: Float32Array;
}

/** What a QueryNode reports on a heartbeat. */
export interface QueryNodeStatus {
  readonly segments: number;
  readonly rows: number;
  /** Bytes of memory its wasm engine holds. */
  readonly memoryBytes: number;
}

/** QueryNode (sealed segments): serves segments it loaded itself and searches them. */
export interface QueryNode {
  /** Answers at once: liveness and load. */
  heartbeat(): Promise<QueryNodeStatus>;
  /** Loads a segment's vectors or index files; resolves once searches over it can run. */
  loadSegment(task: SegmentServeTask): Promise<void>;
  /** Loads an index file built after the segment was loaded (the exact scan of its field goes). */
  loadIndex(key: string, index: ServedIndex): Promise<void>;
  /** Drops a segment and frees its memory (unknown keys are ignored). */
  releaseSegment(key: string): Promise<void>;
  search(task: QueryNodeSearchTask): Promise<QueryNodeHits>;
}

/** A QueryNode running elsewhere (a Web Worker, a worker thread), as QueryCoord holds it. */
export interface QueryNodeHandle {
  readonly node: QueryNode;
  /** Rejects when the node is gone (crashed, terminated, failed to load). */
  readonly dead: Promise<never>;
  /** Stops it; calls in flight reject. */
  terminate(): void;
}

/** QueryCoord's node management timing (ms). */
export interface QueryNodeTiming {
  /** How often each node is asked for a heartbeat (default 2000; 0 turns heartbeats off). */
  readonly heartbeatMs?: number | undefined;
  /** A node that does not answer a heartbeat within this many ms is replaced (default 5000). */
  readonly heartbeatTimeoutMs?: number | undefined;
  /** A search a node does not answer within this many ms counts as its failure (default 60 s): it is replaced and the search retried once. */
  readonly searchTimeoutMs?: number | undefined;
  /** A segment or index load that takes longer than this fails (default 120 s). */
  readonly loadTimeoutMs?: number | undefined;
}

/** The timing fields of launcher options, for {@link QueryNodeLauncher.timing}. */
export function timingOf(o: QueryNodeTiming): QueryNodeTiming {
  return { heartbeatMs: o.heartbeatMs, heartbeatTimeoutMs: o.heartbeatTimeoutMs, searchTimeoutMs: o.searchTimeoutMs, loadTimeoutMs: o.loadTimeoutMs };
}

/** Where QueryNodes come from: the platform starts them (e.g. module Web Workers over Comlink). */
export interface QueryNodeLauncher {
  /** How many QueryNodes to run. */
  readonly size: number;
  /** QueryCoord's node management timing; defaults in QueryNodePool. */
  readonly timing?: QueryNodeTiming;
  /** Told of every QueryNode failure QueryCoord handles (to log it): which node, what noticed it, the error. */
  readonly onFailure?: (failure: { readonly slot: number; readonly during: string; readonly error: Error; readonly segment?: number }) => void;
  /** Starts one QueryNode on the database. */
  spawn(): Promise<QueryNodeHandle>;
}

/** One segment or delta file for DataNode to write. */
export interface SegmentWriteTask {
  readonly path: string;
  /** The encoded segment or delta file (docs/formats.md). */
  readonly bytes: Uint8Array;
}

/** DataNode: writes segment and delta files where the platform writes best (a worker with sync OPFS handles). */
export interface DataNode {
  /** Writes the file; resolves once it is durable. */
  writeSegment(task: SegmentWriteTask): Promise<void>;
}
