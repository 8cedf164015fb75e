import type { Instance } from '../../../instance.js';
import { fromInt64 } from '../../../schema/int64.js';
import { writeRows } from './write-rows.js';

/** Response of upsert. */
export type UpsertResponse = { data: { upsertCount: number; upsertIds: Array<number | string | bigint> } };

/** entities/upsert: replaces rows with the same primary keys (delete + insert at one timestamp). */
export async function upsert(inst: Instance, raw: unknown): Promise<UpsertResponse> {
  const { count, ids } = await writeRows(inst, raw, true);
  return { data: { upsertCount: count, upsertIds: ids.map((id) => (typeof id === 'bigint' ? fromInt64(id, inst.int64) : id)) } };
}
