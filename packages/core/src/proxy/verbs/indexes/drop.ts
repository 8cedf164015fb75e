import { collectGarbage } from '../../../datacoord/gc.js';
import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { IndexNameBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** indexes/drop: Milvus refuses while the collection is loaded; its files are collected. */
export async function dropIndex(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(IndexNameBody, raw, 'indexes/drop');
  await inst.flushLock.run(() =>
    inst.lock.run(async () => {
      const t = target(inst, body);
      const ix = t.meta.indexes.find((i) => i.indexName === body.indexName);
      if (!ix) throw new QuiverError(ErrorCode.IndexNotFound, `index not found: "${body.indexName}" on collection "${t.meta.name}"`);
      if (t.rt.loaded) throw new QuiverError(ErrorCode.InvalidParameter, `indexes/drop: release collection "${t.meta.name}" before dropping index "${ix.indexName}"`);
      const segments = t.meta.segments.map((s) => {
        if (!s.indexFiles?.[ix.indexName]) return s;
        const { [ix.indexName]: _gone, ...rest } = s.indexFiles;
        return { ...s, indexFiles: rest };
      });
      await inst.commitCollection({ ...t.meta, indexes: t.meta.indexes.filter((i) => i !== ix), segments });
    }),
  );
  await collectGarbage(inst);
  return { data: {} };
}
