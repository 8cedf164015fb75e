import type { Instance } from '../../../instance.js';
import { DropIndexPropertiesBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';
import { changeIndexParams } from './change-index-params.js';

/** indexes/drop_properties. */
export async function dropIndexProperties(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(DropIndexPropertiesBody, raw, 'indexes/drop_properties');
  await changeIndexParams(inst, body, (p) => {
    for (const k of body.propertyKeys) delete p[k];
  });
  return { data: {} };
}
