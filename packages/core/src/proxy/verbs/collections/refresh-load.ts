import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';
import { loadTarget } from './load-target.js';

/** collections/refresh_load: re-reads the collection's files. */
export async function refreshLoad(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(CollectionBody, raw, 'collections/refresh_load');
  await loadTarget(inst, target(inst, body), true);
  return { data: {} };
}
