import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { checkName } from '../../../schema/names.js';
import { database } from '../../context.js';
import { AliasBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** aliases/create. */
export async function createAlias(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(AliasBody, raw, 'aliases/create');
  checkName('alias', body.aliasName);
  await inst.lock.run(async () => {
    const db = database(inst, body.dbName);
    const coll = inst.catalog.collection(db, body.collectionName);
    if (inst.catalog.aliasTarget(db.id, body.aliasName) !== undefined) throw new QuiverError(ErrorCode.AliasAlreadyExists, `aliases/create: alias "${body.aliasName}" already exists`);
    if (inst.catalog.collections(db.id).some((c) => c.name === body.aliasName)) throw new QuiverError(ErrorCode.AliasAlreadyExists, `aliases/create: "${body.aliasName}" is already a collection name`);
    await inst.catalog.putAlias(db.id, body.aliasName, coll.id);
  });
  return { data: {} };
}
