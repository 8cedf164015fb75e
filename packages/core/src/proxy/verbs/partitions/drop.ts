import { collectGarbage } from '../../../datacoord/gc.js';
import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { DEFAULT_PARTITION } from '../../../rootcoord/catalog.js';
import { target } from '../../context.js';
import { parseBody, PartitionBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** partitions/drop: removes the partition, its rows and files. */
export async function dropPartition(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(PartitionBody, raw, 'partitions/drop');
  await inst.lock.run(async () => {
    const t = target(inst, body);
    if (body.partitionName === DEFAULT_PARTITION || t.meta.partitionKeyBuckets > 0) throw new QuiverError(ErrorCode.InvalidParameter, `partitions/drop: partition "${body.partitionName}" cannot be dropped`);
    const p = t.meta.partitions.find((x) => x.name === body.partitionName);
    if (!p) throw new QuiverError(ErrorCode.PartitionNotFound, `partition not found: "${body.partitionName}" in collection "${t.meta.name}"`);
    await inst.commitCollection({ ...t.meta, partitions: t.meta.partitions.filter((x) => x.id !== p.id), segments: t.meta.segments.filter((s) => s.partitionId !== p.id) });
    for (const s of t.rt.segments(new Set([p.id]))) s.disposeIndexes();
    t.rt.growing.delete(p.id);
    t.rt.sealing = t.rt.sealing.filter((s) => s.partitionId !== p.id);
    t.rt.sealed = t.rt.sealed.filter((s) => s.partitionId !== p.id);
    if (t.rt.loaded) t.rt.rebuild();
  });
  await collectGarbage(inst);
  return { data: {} };
}
