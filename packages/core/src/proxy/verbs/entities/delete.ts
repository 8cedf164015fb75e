import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { scanRows, type RowFilter } from '../../../querynode/scan.js';
import type { Pk } from '../../../schema/types.js';
import type { DeleteRecord } from '../../../storage/records.js';
import { partitionIds, requireLoaded, target } from '../../context.js';
import { makeFilter } from '../../filter.js';
import { DeleteBody, parseBody } from '../../requests.js';
import { pkList } from './pk-list.js';

/** Response of delete. */
export type DeleteResponse = { data: { deleteCount: number } };

/**
 * entities/delete: by `ids` or by `filter` (a primary-key filter works on a released collection;
 * any other filter needs it loaded, as in Milvus). Durable when it resolves.
 */
export async function deleteEntities(inst: Instance, raw: unknown): Promise<DeleteResponse> {
  const body = parseBody(DeleteBody, raw, 'delete');
  const pending = await inst.lock.run(async () => {
    const t = target(inst, body);
    const pkField = t.meta.schema.fields.find((f) => f.isPrimary)!;
    let filter: RowFilter;
    if (body.ids !== undefined) {
      if (body.filter) throw new QuiverError(ErrorCode.InvalidParameter, 'delete: give either ids or filter, not both');
      filter = { pkLookup: pkList(pkField, body.ids, 'ids'), evaluate: () => new Uint8Array(0) };
    } else {
      if (!body.filter || body.filter.trim() === '') throw new QuiverError(ErrorCode.MissingParameter, 'delete: missing required parameter filter (or ids)');
      filter = makeFilter(t.meta.schema, body.filter, body.exprParams ?? body.filterParams)!;
    }
    // Keys alone suffice without a partition (even released); with `partitionName` (ids or
    // filter alike) only rows living in that partition are deleted.
    const parts = partitionIds(t.meta, body.partitionName ? [body.partitionName] : undefined);
    let pks: Pk[];
    if (filter.pkLookup && !parts) pks = [...new Set(filter.pkLookup)];
    else {
      requireLoaded(t);
      pks = [];
      scanRows(t.rt, parts, filter, (h) => {
        pks.push((h.seg.chunks[h.chunk]!.columns[pkField.name]!.values as ArrayLike<Pk>)[h.row]!);
      });
    }
    if (pks.length === 0) return Promise.resolve(0);
    const rec: DeleteRecord = { kind: 'delete', collectionId: t.meta.id, ts: inst.tso.next(), pks };
    return inst.sequence(inst.issueAppend([rec]), (lsns) => {
      const rt = inst.runtimes.get(t.meta.id);
      if (rt && inst.catalog.collectionById(t.meta.id)) rt.applyDelete(rec.pks, rec.ts, lsns[0]!);
      return pks.length;
    });
  });
  return { data: { deleteCount: await pending } };
}
