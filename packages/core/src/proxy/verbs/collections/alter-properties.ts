import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { parseTtlSeconds, TTL_PROPERTY } from '../../../segment/ttl.js';
import { target } from '../../context.js';
import { AlterPropertiesBody, parseBody } from '../../requests.js';

/** collections/alter_properties. */
export async function alterCollectionProperties(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(AlterPropertiesBody, raw, 'collections/alter_properties');
  await inst.lock.run(async () => {
    const t = target(inst, body);
    const props = { ...t.meta.properties };
    for (const [k, v] of Object.entries(body.properties)) {
      if (k === TTL_PROPERTY) {
        const ttl = parseTtlSeconds(v);
        if (typeof ttl === 'string') throw new QuiverError(ErrorCode.InvalidParameter, `properties.${TTL_PROPERTY}: ${ttl}`);
      }
      props[k] = typeof v === 'string' ? v : JSON.stringify(v);
    }
    await inst.commitCollection({ ...t.meta, properties: props });
  });
  return { data: {} };
}
