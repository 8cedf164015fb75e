import type { Pk } from '../schema/types.js';
import type { CollectionRuntime } from './collection.js';
import type { Segment } from './segment.js';

/** What QueryNode needs of a compiled filter expression. */
export interface RowFilter {
  /** 1 where the row matches. The mask may be shared (cached per chunk): read it, never write it. */
  evaluate(chunk: import('../segment/column.js').Chunk): Uint8Array;
  /** Set when the whole filter is a primary-key lookup. */
  readonly pkLookup?: ReadonlyArray<Pk>;
}

/** A live row of a segment. */
export interface RowHit {
  readonly seg: Segment;
  readonly chunk: number;
  readonly row: number;
}

/**
 * Visits the live rows of a loaded collection that pass `filter`, in storage order (sealed segments
 * oldest first, then growing), within `partitionIds`. `visit` returns false to stop early.
 */
export function scanRows(rt: CollectionRuntime, partitionIds: ReadonlySet<number> | undefined, filter: RowFilter | undefined, visit: (hit: RowHit) => boolean | void): void {
  if (filter?.pkLookup) {
    // Point lookups through the pk index, in the order the keys were given.
    const seen = new Set<Pk>();
    for (const pk of filter.pkLookup) {
      if (seen.has(pk)) continue;
      seen.add(pk);
      const ref = rt.visibility?.get(pk);
      if (!ref || (partitionIds && !partitionIds.has(ref.seg.partitionId))) continue;
      if (visit({ seg: ref.seg, chunk: ref.chunk, row: ref.row }) === false) return;
    }
    return;
  }
  for (const seg of rt.segments(partitionIds)) {
    for (let c = 0; c < seg.chunks.length; c++) {
      const chunk = seg.chunks[c]!;
      const dead = seg.dead[c]!;
      const mask = filter ? filter.evaluate(chunk) : undefined;
      for (let r = 0; r < chunk.rowCount; r++) {
        if (dead[r] || (mask && !mask[r])) continue;
        if (visit({ seg, chunk: c, row: r }) === false) return;
      }
    }
  }
}
