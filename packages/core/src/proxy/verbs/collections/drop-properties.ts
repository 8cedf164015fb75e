import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { DropPropertiesBody, parseBody } from '../../requests.js';

/** collections/drop_properties. */
export async function dropCollectionProperties(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(DropPropertiesBody, raw, 'collections/drop_properties');
  await inst.lock.run(async () => {
    const t = target(inst, body);
    const props = { ...t.meta.properties };
    for (const k of body.propertyKeys) delete props[k];
    await inst.commitCollection({ ...t.meta, properties: props });
  });
  return { data: {} };
}
