import type { Instance } from '../../../instance.js';
import { CompactionStateBody, parseBody } from '../../requests.js';

/** collections/get_compaction_state: compaction runs synchronously, so a known id is Completed. */
export async function getCompactionState(inst: Instance, raw: unknown): Promise<{ data: { state: string; compactionID: number } }> {
  const body = parseBody(CompactionStateBody, raw, 'collections/get_compaction_state');
  inst.checkOpen();
  const id = Number(body.compactionID ?? body.jobID ?? 0);
  return { data: { state: 'Completed', compactionID: id } };
}
