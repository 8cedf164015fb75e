import type { Instance } from '../../../instance.js';
import { database } from '../../context.js';
import { ListAliasesBody, parseBody } from '../../requests.js';

/** aliases/list (of one collection when `collectionName` is given). */
export async function listAliases(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  const body = parseBody(ListAliasesBody, raw, 'aliases/list');
  const db = database(inst, body.dbName);
  const coll = body.collectionName ? inst.catalog.collection(db, body.collectionName) : undefined;
  return { data: inst.catalog.aliasesOf(db.id, coll?.id) };
}
