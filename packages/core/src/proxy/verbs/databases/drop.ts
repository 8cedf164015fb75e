import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { DEFAULT_DB } from '../../../rootcoord/catalog.js';
import { DatabaseBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** databases/drop: only an empty database other than `default`. */
export async function dropDatabase(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(DatabaseBody, raw, 'databases/drop');
  await inst.lock.run(async () => {
    inst.checkOpen();
    if (body.dbName === DEFAULT_DB) throw new QuiverError(ErrorCode.InvalidParameter, 'databases/drop: the default database cannot be dropped');
    const db = inst.catalog.database(body.dbName);
    const n = inst.catalog.collections(db.id).length;
    if (n > 0) throw new QuiverError(ErrorCode.InvalidParameter, `databases/drop: database "${db.name}" still has ${n} collection(s); drop them first`);
    await inst.catalog.dropDatabase(db);
  });
  return { data: {} };
}
