import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';
import { loadTarget } from './load-target.js';

/** collections/load. */
export async function loadCollection(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(CollectionBody, raw, 'collections/load');
  await loadTarget(inst, target(inst, body));
  return { data: {} };
}
