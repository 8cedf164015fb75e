import type { Instance } from '../../../instance.js';
import { DropDatabasePropertiesBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** databases/drop_properties. */
export async function dropDatabaseProperties(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(DropDatabasePropertiesBody, raw, 'databases/drop_properties');
  await inst.lock.run(async () => {
    inst.checkOpen();
    const db = inst.catalog.database(body.dbName);
    const properties = { ...db.properties };
    for (const k of body.propertyKeys) delete properties[k];
    await inst.catalog.putDatabase({ ...db, properties });
  });
  return { data: {} };
}
