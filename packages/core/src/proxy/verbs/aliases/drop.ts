import type { Instance } from '../../../instance.js';
import { database } from '../../context.js';
import { AliasNameBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** aliases/drop (a missing alias is not an error, as in Milvus). */
export async function dropAlias(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(AliasNameBody, raw, 'aliases/drop');
  await inst.lock.run(async () => {
    const db = database(inst, body.dbName);
    if (inst.catalog.aliasTarget(db.id, body.aliasName) !== undefined) await inst.catalog.dropAlias(db.id, body.aliasName);
  });
  return { data: {} };
}
