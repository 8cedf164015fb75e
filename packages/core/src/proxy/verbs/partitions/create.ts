import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { checkName } from '../../../schema/names.js';
import { LIMITS } from '../../../schema/types.js';
import { target } from '../../context.js';
import { parseBody, PartitionBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** partitions/create. */
export async function createPartition(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(PartitionBody, raw, 'partitions/create');
  checkName('partition', body.partitionName);
  await inst.lock.run(async () => {
    const t = target(inst, body);
    if (t.meta.partitionKeyBuckets > 0) throw new QuiverError(ErrorCode.InvalidParameter, `partitions/create: collection "${t.meta.name}" has a partition key; partitions are managed for you`);
    if (t.meta.partitions.some((p) => p.name === body.partitionName)) throw new QuiverError(ErrorCode.AlreadyExists, `partitions/create: partition "${body.partitionName}" already exists in "${t.meta.name}"`);
    if (t.meta.partitions.length >= LIMITS.maxPartitions) throw new QuiverError(ErrorCode.InvalidParameter, `partitions/create: "${t.meta.name}" already has ${LIMITS.maxPartitions} partitions`);
    const p = { id: await inst.ids.one(), name: body.partitionName, createdTs: inst.tso.next().toString() };
    await inst.commitCollection({ ...t.meta, partitions: [...t.meta.partitions, p] });
  });
  return { data: {} };
}
