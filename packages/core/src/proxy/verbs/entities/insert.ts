import type { Instance } from '../../../instance.js';
import { fromInt64 } from '../../../schema/int64.js';
import { writeRows } from './write-rows.js';

/** Response of insert. */
export type InsertResponse = { data: { insertCount: number; insertIds: Array<number | string | bigint> } };

/** entities/insert: durable when it resolves. */
export async function insert(inst: Instance, raw: unknown): Promise<InsertResponse> {
  const { count, ids } = await writeRows(inst, raw, false);
  return { data: { insertCount: count, insertIds: ids.map((id) => (typeof id === 'bigint' ? fromInt64(id, inst.int64) : id)) } };
}
