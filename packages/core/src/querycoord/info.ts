import type { Instance } from '../instance.js';

/** QueryCoord's view of its QueryNodes, as `client.queryNodes()` returns it (structured-clone friendly). */
export interface QueryNodesInfo {
  /** Per node: segments assigned, how many of them it has loaded, and their rows. */
  readonly nodes: ReadonlyArray<{ readonly slot: number; readonly segments: number; readonly ready: number; readonly rows: number }>;
  /** The most recent node failures, oldest first: which node, what noticed it, the error, and the segment left with the coordinator (if any). */
  readonly failures: ReadonlyArray<{ readonly slot: number; readonly during: string; readonly message: string; readonly segment?: number }>;
  /** Sealed segments whose vectors are only in the QueryNodes (this thread keeps their other columns). */
  readonly vectorsAway: number;
}

/** The pool's distribution and failures; empty when this process serves every segment. */
export function queryNodesInfo(inst: Instance): QueryNodesInfo {
  const pool = inst.queryPool();
  if (!pool) return { nodes: [], failures: [], vectorsAway: 0 };
  let vectorsAway = 0;
  for (const rt of inst.runtimes.values()) for (const seg of rt.sealed) if (seg.vectorsAway) vectorsAway++;
  return {
    vectorsAway,
    nodes: pool.distribution(),
    failures: pool.failures.map((f) => ({ slot: f.slot, during: f.during, message: f.error.message, ...(f.segment !== undefined ? { segment: f.segment } : {}) })),
  };
}
