import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { AlterPropertiesBody, parseBody } from '../../requests.js';

/** collections/alter_properties. */
export async function alterCollectionProperties(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(AlterPropertiesBody, raw, 'collections/alter_properties');
  await inst.lock.run(async () => {
    const t = target(inst, body);
    const props = { ...t.meta.properties };
    for (const [k, v] of Object.entries(body.properties)) props[k] = typeof v === 'string' ? v : JSON.stringify(v);
    await inst.commitCollection({ ...t.meta, properties: props });
  });
  return { data: {} };
}
