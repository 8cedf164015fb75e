import type { Instance } from '../../../instance.js';
import { partitionIds, target } from '../../context.js';
import { parseBody, PartitionBody } from '../../requests.js';
import { rowCount } from '../collections/row-count.js';

/** partitions/get_stats. */
export async function getPartitionStats(inst: Instance, raw: unknown): Promise<{ data: { rowCount: number } }> {
  const body = parseBody(PartitionBody, raw, 'partitions/get_stats');
  const t = target(inst, body);
  return { data: { rowCount: rowCount(inst, t.meta.id, partitionIds(t.meta, [body.partitionName])) } };
}
