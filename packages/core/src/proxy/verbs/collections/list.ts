import type { Instance } from '../../../instance.js';
import { database } from '../../context.js';
import { ListBody, parseBody } from '../../requests.js';

/** collections/list: names in the database. */
export async function listCollections(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  const body = parseBody(ListBody, raw, 'collections/list');
  const db = database(inst, body.dbName);
  return { data: inst.catalog.collections(db.id).map((c) => c.name) };
}
