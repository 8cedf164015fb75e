import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { checkName } from '../../../schema/names.js';
import { target } from '../../context.js';
import { parseBody, RenameCollectionBody } from '../../requests.js';

/** collections/rename (optionally into another database: `newDbName`). */
export async function renameCollection(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(RenameCollectionBody, raw, 'collections/rename');
  checkName('collection', body.newCollectionName, 'newCollectionName');
  await inst.lock.run(async () => {
    const t = target(inst, body);
    if (t.meta.name !== body.collectionName) throw new QuiverError(ErrorCode.InvalidParameter, `collections/rename: "${body.collectionName}" is an alias; rename the collection "${t.meta.name}"`);
    const db = body.newDbName ? inst.catalog.database(body.newDbName) : t.db;
    if (inst.catalog.findCollection(db.id, body.newCollectionName)) throw new QuiverError(ErrorCode.AlreadyExists, `collections/rename: "${body.newCollectionName}" already exists in database "${db.name}"`);
    if (db.id !== t.db.id && inst.catalog.aliasesOf(t.db.id, t.meta.id).length > 0) throw new QuiverError(ErrorCode.InvalidParameter, 'collections/rename: drop the aliases before moving the collection to another database');
    await inst.commitCollection({ ...t.meta, name: body.newCollectionName, dbId: db.id });
  });
  return { data: {} };
}
