import { flushCollection } from '../../../datacoord/flush.js';
import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';

/** collections/flush: seals growing segments and writes them (and pending deletes) to files. */
export async function flush(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(CollectionBody, raw, 'collections/flush');
  await flushCollection(inst, target(inst, body).rt);
  return { data: {} };
}
