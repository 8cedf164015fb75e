import { scheduleIndexBuild } from '../../../indexnode/build.js';
import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { CreateIndexBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';
import { normalizeIndexParams } from './index-params.js';

/** indexes/create: declares indexes; IndexNode builds them for flushed segments in the background. */
export async function createIndex(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(CreateIndexBody, raw, 'indexes/create');
  const t = await inst.lock.run(async () => {
    const t = target(inst, body);
    const added = normalizeIndexParams(t.meta.schema, body.indexParams, t.meta.indexes);
    await inst.commitCollection({ ...t.meta, indexes: [...t.meta.indexes, ...added] });
    return t;
  });
  scheduleIndexBuild(inst, t.rt);
  return { data: {} };
}
