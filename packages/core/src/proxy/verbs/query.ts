import { ErrorCode, QuiverError } from '../../errors.js';
import type { Instance } from '../../instance.js';
import { scanRows, type RowFilter } from '../../querynode/scan.js';
import { LIMITS } from '../../schema/types.js';
import { partitionIds, requireLoaded, target, type Target } from '../context.js';
import { makeFilter } from '../filter.js';
import { outputRow, resolveOutput } from '../output.js';
import { parseBody, QueryBody } from '../requests.js';

/** Rows returned by query and get. */
export type QueryResponse = { data: Array<Record<string, unknown>> };

/** Checks Milvus's `limit + offset ≤ 16384` rule. */
export function checkWindow(limit: number, offset: number): void {
  if (limit + offset > LIMITS.maxTopK) throw new QuiverError(ErrorCode.InvalidParameter, `limit + offset: ${limit} + ${offset} exceeds ${LIMITS.maxTopK}`);
}

/** Runs a filter over a loaded collection and builds output rows (shared by query and get). */
export function runQuery(inst: Instance, t: Target, filter: RowFilter | undefined, opts: { limit: number; offset: number; outputFields?: string[] | undefined; partitionNames?: string[] | undefined }): QueryResponse {
  requireLoaded(t);
  const spec = resolveOutput(t.meta.schema, opts.outputFields, ['*']);
  const parts = partitionIds(t.meta, opts.partitionNames);
  if (spec.count) {
    let n = 0;
    scanRows(t.rt, parts, filter, () => {
      n++;
    });
    return { data: [{ 'count(*)': n }] };
  }
  const rows: Array<Record<string, unknown>> = [];
  let skip = opts.offset;
  scanRows(t.rt, parts, filter, (h) => {
    if (skip > 0) {
      skip--;
      return true;
    }
    rows.push(outputRow(spec, h.seg.chunks[h.chunk]!, h.row, inst.int64));
    return rows.length < opts.limit;
  });
  return { data: rows };
}

/** entities/query: rows matching a filter expression, with limit/offset/outputFields and count(*). */
export async function query(inst: Instance, raw: unknown): Promise<QueryResponse> {
  const body = parseBody(QueryBody, raw, 'query');
  const t = target(inst, body);
  const limit = body.limit ?? 100;
  const offset = body.offset ?? 0;
  checkWindow(limit, offset);
  const filter = makeFilter(t.meta.schema, body.filter, body.exprParams ?? body.filterParams);
  return runQuery(inst, t, filter, { limit, offset, outputFields: body.outputFields, partitionNames: body.partitionNames });
}
