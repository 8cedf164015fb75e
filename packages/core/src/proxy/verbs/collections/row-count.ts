import type { Instance } from '../../../instance.js';

/** Stored rows of a collection (optionally of some partitions): flushed segments plus rows not yet flushed. */
export function rowCount(inst: Instance, collectionId: number, partitionIds?: ReadonlySet<number>): number {
  const rt = inst.runtimes.get(collectionId)!;
  const stored = rt.meta.segments.filter((s) => !partitionIds || partitionIds.has(s.partitionId)).reduce((n, s) => n + s.rowCount, 0);
  const unflushed = rt.segments(partitionIds).filter((s) => !s.meta).reduce((n, s) => n + s.rowCount, 0);
  return stored + unflushed;
}
