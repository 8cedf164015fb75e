import type { Instance } from '../../../instance.js';
import { AlterDatabaseBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';
import { props } from './props.js';

/** databases/alter: sets properties. */
export async function alterDatabase(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(AlterDatabaseBody, raw, 'databases/alter');
  await inst.lock.run(async () => {
    inst.checkOpen();
    const db = inst.catalog.database(body.dbName);
    await inst.catalog.putDatabase({ ...db, properties: { ...db.properties, ...props(body.properties) } });
  });
  return { data: {} };
}
