import type { Instance } from '../../../instance.js';
import { partitionIds, target } from '../../context.js';
import { parseBody, PartitionsBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** partitions/release: Quiver releases only whole collections, so this checks the names and keeps the collection loaded. */
export async function releasePartitions(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(PartitionsBody, raw, 'partitions/release');
  partitionIds(target(inst, body).meta, body.partitionNames);
  return { data: {} };
}
