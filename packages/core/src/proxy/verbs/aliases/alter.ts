import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { database } from '../../context.js';
import { AliasBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** aliases/alter: points an existing alias at another collection. */
export async function alterAlias(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(AliasBody, raw, 'aliases/alter');
  await inst.lock.run(async () => {
    const db = database(inst, body.dbName);
    const coll = inst.catalog.collection(db, body.collectionName);
    if (inst.catalog.aliasTarget(db.id, body.aliasName) === undefined) throw new QuiverError(ErrorCode.AliasNotFound, `alias not found: "${body.aliasName}"`);
    await inst.catalog.putAlias(db.id, body.aliasName, coll.id);
  });
  return { data: {} };
}
