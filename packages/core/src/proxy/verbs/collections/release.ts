import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';
import { releaseTarget } from './load-target.js';

/** collections/release. */
export async function releaseCollection(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(CollectionBody, raw, 'collections/release');
  await releaseTarget(inst, target(inst, body));
  return { data: {} };
}
