import { ErrorCode, QuiverError } from '../../../errors.js';
import { buildsFile } from '../../../indexnode/build.js';
import type { Instance } from '../../../instance.js';
import type { IndexMeta } from '../../../rootcoord/meta.js';
import { target, type Target } from '../../context.js';
import { IndexNameBody, parseBody } from '../../requests.js';

function progress(t: Target, ix: IndexMeta): { indexedRows: number; totalRows: number; pendingRows: number; indexState: string } {
  const growing = t.rt.segments().filter((s) => !s.meta).reduce((n, s) => n + s.rowCount, 0);
  const flushed = t.meta.segments.reduce((n, s) => n + s.rowCount, 0);
  const indexed = buildsFile(ix) ? t.meta.segments.filter((s) => s.indexFiles?.[ix.indexName]).reduce((n, s) => n + s.rowCount, 0) : flushed;
  const pending = flushed - indexed;
  return { indexedRows: indexed, totalRows: flushed + growing, pendingRows: pending, indexState: pending === 0 ? 'Finished' : 'InProgress' };
}

function describeOne(t: Target, ix: IndexMeta): Record<string, unknown> {
  return {
    indexName: ix.indexName, fieldName: ix.fieldName, indexType: ix.indexType, metricType: ix.metricType,
    params: ix.params, ...progress(t, ix), failReason: '',
  };
}

/** indexes/describe: Milvus's shape, with indexState / indexedRows / totalRows / pendingRows. */
export async function describeIndex(inst: Instance, raw: unknown): Promise<{ data: Array<Record<string, unknown>> }> {
  const body = parseBody(IndexNameBody, raw, 'indexes/describe');
  const t = target(inst, body);
  const ix = t.meta.indexes.find((i) => i.indexName === body.indexName);
  if (!ix) throw new QuiverError(ErrorCode.IndexNotFound, `index not found: "${body.indexName}" on collection "${t.meta.name}"`);
  return { data: [describeOne(t, ix)] };
}
