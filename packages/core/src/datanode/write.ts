import type { Instance } from '../instance.js';
import type { SegmentMeta } from '../rootcoord/meta.js';
import type { Chunk } from '../segment/column.js';
import { encodeSegment } from './files.js';

/** Object-store path of a segment's data file. */
export function segmentPath(dbId: number, collectionId: number, partitionId: number, segmentId: number): string {
  return `${dbId}/${collectionId}/${partitionId}/${segmentId}/data.qseg`;
}

/**
 * DataNode: writes `chunk` (rows with `$ts`) as a new segment file of a partition under a fresh id
 * and returns the catalog record to commit (the caller commits it).
 */
export async function writeSegmentFile(inst: Instance, dbId: number, collectionId: number, partitionId: number, chunk: Chunk): Promise<SegmentMeta> {
  const id = await inst.ids.one();
  const path = segmentPath(dbId, collectionId, partitionId, id);
  const bytes = encodeSegment(chunk);
  await inst.dataNode().writeSegment({ path, bytes });
  const ts = chunk.columns.$ts!.values as BigInt64Array;
  let lo = ts[0]!;
  let hi = ts[0]!;
  for (const t of ts) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return { id, partitionId, state: 'Flushed', rowCount: chunk.rowCount, path, bytes: bytes.length, minTs: lo.toString(), maxTs: hi.toString() };
}
