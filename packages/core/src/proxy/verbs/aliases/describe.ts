import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { database } from '../../context.js';
import { AliasNameBody, parseBody } from '../../requests.js';

/** aliases/describe. */
export async function describeAlias(inst: Instance, raw: unknown): Promise<{ data: { aliasName: string; collectionName: string; dbName: string } }> {
  const body = parseBody(AliasNameBody, raw, 'aliases/describe');
  const db = database(inst, body.dbName);
  const id = inst.catalog.aliasTarget(db.id, body.aliasName);
  const coll = id === undefined ? undefined : inst.catalog.collectionById(id);
  if (!coll) throw new QuiverError(ErrorCode.AliasNotFound, `alias not found: "${body.aliasName}"`);
  return { data: { aliasName: body.aliasName, collectionName: coll.name, dbName: db.name } };
}
