import type { Instance } from '../../../instance.js';
import { partitionIds, target } from '../../context.js';
import { parseBody, PartitionsBody } from '../../requests.js';
import { loadTarget } from '../collections/load-target.js';
import type { Empty } from '../empty.js';

/** partitions/load: loads the collection (Quiver loads whole collections; named partitions are checked). */
export async function loadPartitions(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(PartitionsBody, raw, 'partitions/load');
  const t = target(inst, body);
  partitionIds(t.meta, body.partitionNames);
  await loadTarget(inst, t);
  return { data: {} };
}
