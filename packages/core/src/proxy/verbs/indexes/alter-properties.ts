import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { IndexPropertiesBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';
import { changeIndexParams } from './change-index-params.js';

/**
 * indexes/alter_properties: stored with the index's user params (as Milvus keeps `mmap.enabled`);
 * the index type and metric cannot change this way.
 */
export async function alterIndexProperties(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(IndexPropertiesBody, raw, 'indexes/alter_properties');
  for (const k of Object.keys(body.properties)) {
    if (k === 'index_type' || k === 'metric_type') throw new QuiverError(ErrorCode.InvalidParameter, `indexes/alter_properties: "${k}" cannot be altered; drop and create the index instead`);
  }
  await changeIndexParams(inst, body, (p) => {
    for (const [k, v] of Object.entries(body.properties)) p[k] = typeof v === 'string' ? v : JSON.stringify(v);
  });
  return { data: {} };
}
