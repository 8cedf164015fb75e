import type { Instance } from '../../../instance.js';
import { scanRows, type RowFilter, type RowHit } from '../../../querynode/scan.js';
import { isAlive } from '../../../segment/ttl.js';
import { partitionIds, requireLoaded, type Target } from '../../context.js';
import { outputRow, outputsVectors, resolveOutput } from '../../output.js';
import { withVectors } from '../../../querynode/segment.js';

/** Rows returned by query and get. */
export type QueryResponse = { data: Array<Record<string, unknown>> };

/**
 * Runs a filter over a loaded collection and builds output rows (shared by query and get). With
 * `expiry` (collection TTL), rows at or below it are skipped: a scanning filter from makeFilter
 * leaves them out already, a pk lookup visits rows without evaluating it, so they are checked here.
 */
export async function runQuery(inst: Instance, t: Target, filter: RowFilter | undefined, opts: { limit: number; offset: number; outputFields?: string[] | undefined; partitionNames?: string[] | undefined; expiry?: bigint | undefined }): Promise<QueryResponse> {
  requireLoaded(t);
  const spec = resolveOutput(t.meta.schema, opts.outputFields, ['*']);
  const parts = partitionIds(t.meta, opts.partitionNames);
  const expiry = filter?.pkLookup !== undefined ? opts.expiry : undefined;
  const expired = (h: RowHit): boolean => expiry !== undefined && !isAlive(h.seg.chunks[h.chunk]!, h.row, expiry);
  if (spec.count) {
    let n = 0;
    scanRows(t.rt, parts, filter, (h) => {
      if (!expired(h)) n++;
    });
    return { data: [{ 'count(*)': n }] };
  }
  const hits: RowHit[] = [];
  let skip = opts.offset;
  scanRows(t.rt, parts, filter, (h) => {
    if (expired(h)) return true;
    if (skip > 0) {
      skip--;
      return true;
    }
    hits.push(h);
    return hits.length < opts.limit;
  });
  const rows = (): Array<Record<string, unknown>> => hits.map((h) => outputRow(spec, h.seg.chunks[h.chunk]!, h.row, inst.int64));
  // Vector columns a QueryNode serves are read back from their files for this output only.
  return { data: outputsVectors(spec) ? await withVectors(hits.map((h) => h.seg), rows) : rows() };
}
