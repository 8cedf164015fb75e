import type { Instance } from '../../../instance.js';
import { database } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';

/** collections/has. */
export async function hasCollection(inst: Instance, raw: unknown): Promise<{ data: { has: boolean } }> {
  const body = parseBody(CollectionBody, raw, 'collections/has');
  const db = database(inst, body.dbName);
  return { data: { has: inst.catalog.findCollection(db.id, body.collectionName) !== undefined } };
}
