import { collectGarbage } from '../../datacoord/gc.js';
import { ErrorCode, QuiverError } from '../../errors.js';
import { buildsFile, scheduleIndexBuild } from '../../indexnode/build.js';
import type { Instance } from '../../instance.js';
import type { IndexMeta } from '../../rootcoord/meta.js';
import { target, type Target } from '../context.js';
import { CollectionBody, CreateIndexBody, IndexNameBody, parseBody } from '../requests.js';
import { normalizeIndexParams } from './index-params.js';

type Empty = { data: Record<string, never> };

/** indexes/create: declares indexes; IndexNode builds them for flushed segments in the background. */
export async function createIndex(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(CreateIndexBody, raw, 'indexes/create');
  const t = await inst.lock.run(async () => {
    const t = target(inst, body);
    const added = normalizeIndexParams(t.meta.schema, body.indexParams, t.meta.indexes);
    await inst.commitCollection({ ...t.meta, indexes: [...t.meta.indexes, ...added] });
    return t;
  });
  scheduleIndexBuild(inst, t.rt);
  return { data: {} };
}

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

/** indexes/list: index names. */
export async function listIndexes(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  const body = parseBody(CollectionBody, raw, 'indexes/list');
  return { data: target(inst, body).meta.indexes.map((i) => i.indexName) };
}

/** indexes/drop: Milvus refuses while the collection is loaded; its files are collected. */
export async function dropIndex(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(IndexNameBody, raw, 'indexes/drop');
  await inst.flushLock.run(() =>
    inst.lock.run(async () => {
      const t = target(inst, body);
      const ix = t.meta.indexes.find((i) => i.indexName === body.indexName);
      if (!ix) throw new QuiverError(ErrorCode.IndexNotFound, `index not found: "${body.indexName}" on collection "${t.meta.name}"`);
      if (t.rt.loaded) throw new QuiverError(ErrorCode.InvalidParameter, `indexes/drop: release collection "${t.meta.name}" before dropping index "${ix.indexName}"`);
      const segments = t.meta.segments.map((s) => {
        if (!s.indexFiles?.[ix.indexName]) return s;
        const { [ix.indexName]: _gone, ...rest } = s.indexFiles;
        return { ...s, indexFiles: rest };
      });
      await inst.commitCollection({ ...t.meta, indexes: t.meta.indexes.filter((i) => i !== ix), segments });
    }),
  );
  await collectGarbage(inst);
  return { data: {} };
}
