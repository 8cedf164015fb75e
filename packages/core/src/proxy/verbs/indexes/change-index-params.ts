import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';

/** Changes an index's stored user params under the instance lock (indexes/alter_properties, indexes/drop_properties). */
export async function changeIndexParams(inst: Instance, body: { dbName?: string | undefined; collectionName: string; indexName: string }, change: (p: Record<string, unknown>) => void): Promise<void> {
  await inst.lock.run(async () => {
    const t = target(inst, body);
    const ix = t.meta.indexes.find((i) => i.indexName === body.indexName);
    if (!ix) throw new QuiverError(ErrorCode.IndexNotFound, `index not found: "${body.indexName}" on collection "${t.meta.name}"`);
    const params = { ...ix.params };
    change(params);
    await inst.commitCollection({ ...t.meta, indexes: t.meta.indexes.map((i) => (i === ix ? { ...ix, params } : i)) });
  });
}
