import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { TS_COLUMN } from '../../../querynode/segment.js';
import { rowsToChunk } from '../../../schema/rows.js';
import type { Pk } from '../../../schema/types.js';
import { concatChunks } from '../../../segment/codec.js';
import type { Chunk } from '../../../segment/column.js';
import type { InsertRecord, WalRecord } from '../../../storage/records.js';
import { partitionId, target, type Target } from '../../context.js';
import { InsertBody, parseBody } from '../../requests.js';
import { maybeSeal } from './maybe-seal.js';
import { partitionKeyBucket } from './partition-key.js';

function splitByPartition(t: Target, chunk: Chunk, partitionName: string | undefined): Array<[number, Chunk]> {
  const keyField = t.meta.schema.fields.find((f) => f.isPartitionKey);
  if (!keyField) return [[partitionId(t.meta, partitionName ?? '_default'), chunk]];
  if (partitionName) throw new QuiverError(ErrorCode.InvalidParameter, `partitionName: collection "${t.meta.name}" has a partition key; rows are routed by "${keyField.name}"`);
  const keys = chunk.columns[keyField.name]!.values as ArrayLike<Pk>;
  const n = t.meta.partitionKeyBuckets;
  const masks = Array.from({ length: n }, () => new Uint8Array(chunk.rowCount));
  for (let r = 0; r < chunk.rowCount; r++) masks[partitionKeyBucket(keys[r]!, n)]![r] = 1;
  const out: Array<[number, Chunk]> = [];
  masks.forEach((m, b) => {
    if (m.some((x) => x === 1)) out.push([partitionId(t.meta, `_default_${b}`), concatChunks([chunk], [m])]);
  });
  return out;
}

/**
 * Keeps only the last row of each primary key of a batch. All rows of a batch share one timestamp,
 * so "latest wins" must mean "last in the batch"; without this, rows of one key routed to
 * different partitions (partition key) would tie, and the winner would depend on partition order.
 */
function lastOfEachKey(chunk: Chunk, pks: readonly Pk[]): Chunk {
  const last = new Map<Pk, number>();
  pks.forEach((pk, r) => last.set(pk, r));
  if (last.size === pks.length) return chunk;
  const keep = new Uint8Array(pks.length);
  for (const r of last.values()) keep[r] = 1;
  return concatChunks([chunk], [keep]);
}

/** Validates, stamps and durably logs rows, then makes them visible; shared by insert and upsert. */
export async function writeRows(inst: Instance, raw: unknown, upsert: boolean): Promise<{ count: number; ids: Pk[] }> {
  const verb = upsert ? 'upsert' : 'insert';
  const body = parseBody(InsertBody, raw, verb);
  const { pending, t, count, ids } = await inst.lock.run(async () => {
    const t = target(inst, body);
    const pkField = t.meta.schema.fields.find((f) => f.isPrimary)!;
    if (pkField.autoId) await inst.ids.reserve(body.data.length);
    let { chunk, pks } = rowsToChunk(t.meta.schema, body.data, { allocateIds: (n) => inst.ids.take(n), upsert, verb });
    // As Milvus: an upsert into an autoId collection deletes the given keys and inserts the rows
    // under fresh ids (keeping a given key would let a later auto id collide with it).
    let replaced: Pk[] = [];
    if (upsert && pkField.autoId) {
      const fresh = inst.ids.take(chunk.rowCount);
      replaced = [...new Set(pks)];
      pks = pkField.dataType === 'Int64' ? fresh : fresh.map(String);
      const values = pkField.dataType === 'Int64' ? BigInt64Array.from(fresh) : (pks as string[]);
      chunk = { rowCount: chunk.rowCount, columns: { ...chunk.columns, [pkField.name]: { ...chunk.columns[pkField.name]!, values } } };
    }
    const ts = inst.tso.next();
    const stamped: Chunk = { rowCount: chunk.rowCount, columns: { ...chunk.columns, [TS_COLUMN]: { dataType: 'Int64', values: new BigInt64Array(chunk.rowCount).fill(ts), valid: null } } };
    const parts = splitByPartition(t, lastOfEachKey(stamped, pks), body.partitionName);
    const inserts: InsertRecord[] = parts.map(([pid, c]) => ({ kind: 'insert', collectionId: t.meta.id, partitionId: pid, ts, upsert, chunk: c }));
    // One append: the delete (rows older than `ts` die) and the inserts are all-or-nothing.
    const records: WalRecord[] = replaced.length > 0 ? [{ kind: 'delete', collectionId: t.meta.id, ts, pks: replaced }, ...inserts] : inserts;
    const append = inst.issueAppend(records);
    const pending = inst.sequence(append, (lsns) => {
      const rt = inst.runtimes.get(t.meta.id);
      if (!rt || !inst.catalog.collectionById(t.meta.id)) return;
      records.forEach((rec, i) => (rec.kind === 'insert' ? rt.applyInsert(rec.partitionId, rec.chunk, lsns[i]!, inst.now()) : rt.applyDelete(rec.pks, rec.ts, lsns[i]!)));
    });
    return { pending, t, count: chunk.rowCount, ids: pks };
  });
  await pending;
  maybeSeal(inst, t);
  return { count, ids };
}
