import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';
import { describeMeta } from './describe-meta.js';

/** collections/describe. */
export async function describeCollection(inst: Instance, raw: unknown): Promise<{ data: Record<string, unknown> }> {
  const body = parseBody(CollectionBody, raw, 'collections/describe');
  const t = target(inst, body);
  return { data: describeMeta(inst, t.db.name, t.meta) };
}
