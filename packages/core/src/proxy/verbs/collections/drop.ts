import { collectGarbage } from '../../../datacoord/gc.js';
import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { database } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';

/** collections/drop: removes the collection and its files (dropping a missing one succeeds, as in Milvus). */
export async function dropCollection(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(CollectionBody, raw, 'collections/drop');
  const dropped = await inst.lock.run(async () => {
    const db = database(inst, body.dbName);
    const meta = inst.catalog.findCollection(db.id, body.collectionName);
    if (!meta) return false;
    if (meta.name !== body.collectionName) throw new QuiverError(ErrorCode.InvalidParameter, `collections/drop: "${body.collectionName}" is an alias of "${meta.name}"; a collection cannot be dropped through an alias`);
    const aliases = inst.catalog.aliasesOf(db.id, meta.id);
    if (aliases.length > 0) throw new QuiverError(ErrorCode.InvalidParameter, `collections/drop: collection "${meta.name}" still has aliases ${aliases.join(', ')}; drop them first`);
    await inst.catalog.dropCollection(meta);
    inst.runtimes.get(meta.id)?.dispose();
    inst.runtimes.delete(meta.id);
    return true;
  });
  if (dropped) await collectGarbage(inst);
  return { data: {} };
}
