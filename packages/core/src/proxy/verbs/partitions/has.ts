import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { parseBody, PartitionBody } from '../../requests.js';

/** partitions/has. */
export async function hasPartition(inst: Instance, raw: unknown): Promise<{ data: { has: boolean } }> {
  const body = parseBody(PartitionBody, raw, 'partitions/has');
  return { data: { has: target(inst, body).meta.partitions.some((p) => p.name === body.partitionName) } };
}
