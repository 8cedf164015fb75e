import { ErrorCode, QuiverError } from '../../../errors.js';
import { resolveSpec } from '../../../index/params.js';
import type { IndexType, MetricType } from '../../../index/types.js';
import { IVF_LIKE } from '../../../indexnode/build.js';
import type { IndexMeta } from '../../../rootcoord/meta.js';
import type { CollectionSchema } from '../../../schema/types.js';

const VECTOR_INDEX_TYPES = new Set(['AUTOINDEX', 'HNSW', 'FLAT', ...IVF_LIKE]);

const SCALAR_INDEX_TYPES = new Set(['AUTOINDEX', 'INVERTED', 'STL_SORT', 'TRIE', 'BITMAP']);

const METRICS = new Set(['L2', 'IP', 'COSINE']);

interface IndexParamIn {
  fieldName: string;
  indexName?: string | undefined;
  metricType?: string | undefined;
  indexType?: string | undefined;
  params?: Record<string, unknown> | undefined;
}

/** Checks `indexParams` of collections/create or indexes/create against the schema and existing indexes. */
export function normalizeIndexParams(schema: CollectionSchema, params: readonly IndexParamIn[], existing: readonly IndexMeta[]): IndexMeta[] {
  const out: IndexMeta[] = [];
  params.forEach((p, i) => {
    const where = `indexParams[${i}]`;
    const field = schema.fields.find((f) => f.name === p.fieldName);
    if (!field) throw new QuiverError(ErrorCode.FieldNotFound, `${where}.fieldName: the collection has no field "${p.fieldName}"`);
    const isVector = field.dataType === 'FloatVector';
    const indexType = String(p.params?.index_type ?? p.indexType ?? 'AUTOINDEX').toUpperCase();
    if (!(isVector ? VECTOR_INDEX_TYPES : SCALAR_INDEX_TYPES).has(indexType)) {
      throw new QuiverError(ErrorCode.IndexTypeNotSupported, `${where}: index type ${indexType} is not supported on ${field.dataType} field "${field.name}" (supported: ${[...(isVector ? VECTOR_INDEX_TYPES : SCALAR_INDEX_TYPES)].join(', ')})`);
    }
    let metricType = '';
    if (isVector) {
      metricType = String(p.metricType ?? p.params?.metric_type ?? 'COSINE').toUpperCase();
      if (!METRICS.has(metricType)) throw new QuiverError(ErrorCode.InvalidParameter, `${where}.metricType: "${metricType}" is not one of L2, IP, COSINE`);
    }
    const indexName = p.indexName && p.indexName.length > 0 ? p.indexName : field.name;
    const clash = [...existing, ...out].find((x) => x.indexName === indexName || x.fieldName === field.name);
    if (clash) throw new QuiverError(ErrorCode.IndexDuplicate, `${where}: field "${field.name}" already has index "${clash.indexName}"`);
    const { index_type: _a, metric_type: _b, ...rest } = p.params ?? {};
    // IVF and other Milvus index types are accepted for compatibility and served by HNSW with its
    // defaults (their own params, e.g. nlist, are kept for describe but not used).
    // Check build params now: a bad M or efConstruction must fail here, not in a background build.
    if (isVector && !IVF_LIKE.includes(indexType)) resolveSpec({ indexType: indexType as IndexType, dim: field.dim!, metric: metricType as MetricType, params: rest, name: `${where}.params` });
    out.push({ indexName, fieldName: field.name, indexType, metricType, params: rest });
  });
  return out;
}
