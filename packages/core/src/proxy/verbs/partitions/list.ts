import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';

/** partitions/list. */
export async function listPartitions(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  const body = parseBody(CollectionBody, raw, 'partitions/list');
  return { data: target(inst, body).meta.partitions.map((p) => p.name) };
}
