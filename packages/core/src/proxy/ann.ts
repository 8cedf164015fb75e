import { ErrorCode, QuiverError } from '../errors.js';
import type { MetricType } from '../index/types.js';
import type { Hit } from '../querynode/search.js';
import type { RowRef } from '../querynode/visibility.js';
import type { FieldSchema } from '../schema/types.js';
import type { Target } from './context.js';
import { outputRow, type OutputSpec } from './output.js';
import type { Int64Output } from '../schema/int64.js';

/** Default ef floor of AUTOINDEX searches (recall ≥ 0.95 out of the box; measured in docs/architecture.md §10). */
export const AUTOINDEX_EF_FLOOR = 64;

/** The vector field, index and metric a search uses. */
export interface AnnTarget {
  readonly field: FieldSchema;
  readonly indexName: string | undefined;
  /** Floor of the default search ef: AUTOINDEX searches with max(k, 64) (Milvus tunes AUTOINDEX for recall); HNSW keeps Milvus's max(k, 16). */
  readonly efFloor: number | undefined;
  readonly metric: MetricType;
}

/**
 * Resolves `annsField` (optional when the collection has one vector field) and the metric: the
 * index's, which a given `metricType` must match (Milvus refuses a mismatch); COSINE without index.
 */
export function annTarget(t: Target, annsField: string | undefined, metricType: string | undefined, where = 'annsField'): AnnTarget {
  const vectors = t.meta.schema.fields.filter((f) => f.dataType === 'FloatVector');
  let field: FieldSchema | undefined;
  if (annsField) {
    field = t.meta.schema.fields.find((f) => f.name === annsField);
    if (!field) throw new QuiverError(ErrorCode.FieldNotFound, `${where}: the collection has no field "${annsField}"`);
    if (field.dataType !== 'FloatVector') throw new QuiverError(ErrorCode.InvalidParameter, `${where}: "${annsField}" is a ${field.dataType} field, not a vector field`);
  } else {
    if (vectors.length !== 1) throw new QuiverError(ErrorCode.MissingParameter, `${where}: the collection has ${vectors.length} vector fields; name the one to search`);
    field = vectors[0]!;
  }
  const ix = t.meta.indexes.find((i) => i.fieldName === field.name);
  const metric = (ix?.metricType || 'COSINE') as MetricType;
  if (metricType && metricType.toUpperCase() !== metric) {
    throw new QuiverError(ErrorCode.InvalidParameter, `metricType: ${metricType} does not match the ${ix ? `index "${ix.indexName}"` : 'default'} metric ${metric} of field "${field.name}"`);
  }
  return { field, indexName: ix?.indexName, metric, efFloor: ix?.indexType === 'AUTOINDEX' ? AUTOINDEX_EF_FLOOR : undefined };
}

/** Checks query vectors (dim, finite numbers) and converts them to Float32Array. */
export function queryVectors(data: ReadonlyArray<ArrayLike<number>>, field: FieldSchema, where = 'data'): Float32Array[] {
  if (data.length === 0) throw new QuiverError(ErrorCode.MissingParameter, `${where}: no query vectors`);
  if (data.length > 16384) throw new QuiverError(ErrorCode.ParameterTooLarge, `${where}: ${data.length} query vectors, more than 16384`);
  return data.map((v, i) => {
    if (v.length !== field.dim) throw new QuiverError(ErrorCode.InvalidParameter, `${where}[${i}]: expected dim ${field.dim} for field "${field.name}", got a vector of ${v.length}`);
    for (let j = 0; j < v.length; j++) {
      const x = v[j];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new QuiverError(ErrorCode.InvalidParameter, `${where}[${i}][${j}]: ${String(x)} is not a finite number`);
    }
    return Float32Array.from(v);
  });
}

/**
 * Range search params: `radius` and `range_filter` must be finite numbers, and the window must be
 * the right way round for the metric (Milvus: L2 range_filter < radius; IP/COSINE range_filter >
 * radius). Returns undefined for each one not given.
 */
export function rangeParams(metric: MetricType, radius: unknown, rangeFilter: unknown, where = 'searchParams.params'): { radius: number | undefined; rangeFilter: number | undefined } {
  for (const [name, v] of [['radius', radius], ['range_filter', rangeFilter]] as const) {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw new QuiverError(ErrorCode.InvalidParameter, `${where}.${name}: ${JSON.stringify(v)} is not a finite number`);
  }
  const r = radius as number | undefined;
  const f = rangeFilter as number | undefined;
  if (r !== undefined && f !== undefined) {
    if (metric === 'L2' && f >= r) throw new QuiverError(ErrorCode.InvalidParameter, `${where}.range_filter: must be less than radius for L2, range_filter: ${f}, radius: ${r}`);
    if (metric !== 'L2' && f <= r) throw new QuiverError(ErrorCode.InvalidParameter, `${where}.range_filter: must be greater than radius for ${metric}, range_filter: ${f}, radius: ${r}`);
  }
  return { radius: r, rangeFilter: f };
}

/** The pk of a hit or row reference. */
export function pkOf(pkName: string, h: Hit | RowRef): bigint | string {
  return (h.seg.chunks[h.chunk]!.columns[pkName]!.values as ArrayLike<bigint | string>)[h.row]!;
}

/** A REST search hit: output fields, the primary key and `distance`. */
export function hitRow(spec: OutputSpec, h: Hit, int64: Int64Output, distance = h.distance): Record<string, unknown> {
  return { ...outputRow(spec, h.seg.chunks[h.chunk]!, h.row, int64), distance };
}
