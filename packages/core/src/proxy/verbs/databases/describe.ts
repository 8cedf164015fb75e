import type { Instance } from '../../../instance.js';
import { DatabaseBody, parseBody } from '../../requests.js';

/** databases/describe. */
export async function describeDatabase(inst: Instance, raw: unknown): Promise<{ data: { dbName: string; dbID: number; properties: Array<{ key: string; value: string }> } }> {
  const body = parseBody(DatabaseBody, raw, 'databases/describe');
  inst.checkOpen();
  const db = inst.catalog.database(body.dbName);
  return { data: { dbName: db.name, dbID: db.id, properties: Object.entries(db.properties).map(([key, value]) => ({ key, value })) } };
}
