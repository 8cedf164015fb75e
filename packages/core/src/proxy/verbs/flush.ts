import { compactCollection } from '../../datacoord/compact.js';
import { flushCollection } from '../../datacoord/flush.js';
import type { Instance } from '../../instance.js';
import { target } from '../context.js';
import { CollectionBody, CompactionStateBody, parseBody } from '../requests.js';

/** collections/flush: seals growing segments and writes them (and pending deletes) to files. */
export async function flush(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(CollectionBody, raw, 'collections/flush');
  await flushCollection(inst, target(inst, body).rt);
  return { data: {} };
}

/** collections/compact: purges deleted rows and merges small segments; runs to completion. */
export async function compact(inst: Instance, raw: unknown): Promise<{ data: { compactionID: number } }> {
  const body = parseBody(CollectionBody, raw, 'collections/compact');
  const id = await compactCollection(inst, target(inst, body));
  return { data: { compactionID: id } };
}

/** collections/get_compaction_state: compaction runs synchronously, so a known id is Completed. */
export async function getCompactionState(inst: Instance, raw: unknown): Promise<{ data: { state: string; compactionID: number } }> {
  const body = parseBody(CompactionStateBody, raw, 'collections/get_compaction_state');
  inst.checkOpen();
  const id = Number(body.compactionID ?? body.jobID ?? 0);
  return { data: { state: 'Completed', compactionID: id } };
}
