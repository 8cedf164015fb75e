import { compactCollection } from '../../../datacoord/compact.js';
import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';

/** collections/compact: purges deleted rows and merges small segments; runs to completion. */
export async function compact(inst: Instance, raw: unknown): Promise<{ data: { compactionID: number } }> {
  const body = parseBody(CollectionBody, raw, 'collections/compact');
  const id = await compactCollection(inst, target(inst, body));
  return { data: { compactionID: id } };
}
