import { ErrorCode, QuiverError } from '../errors.js';
import { LIMITS } from '../schema/types.js';
import type { HnswParams, IndexKind, IndexSpec, MetricType } from './types.js';

/** Milvus's HNSW defaults (knowhere `BaseHnswConfig`): M 30, efConstruction 360. */
export const HNSW_DEFAULTS: HnswParams = { M: 30, efConstruction: 360 };

/** What AUTOINDEX builds for float vectors (Milvus `autoIndex.params.build`): HNSW, M 18, efConstruction 240. */
export const AUTOINDEX_PARAMS: HnswParams = { M: 18, efConstruction: 240 };

/** Milvus's ranges: M in [2, 2048]; efConstruction and ef in [1, 2^31 - 1]. */
export const HNSW_RANGES = { M: [2, 2048], efConstruction: [1, 2 ** 31 - 1], ef: [1, 2 ** 31 - 1] } as const;

/** Floor of the default search ef: Milvus uses max(k, 16) when the request gives none. */
export const DEFAULT_EF_FLOOR = 16;

/** Largest row offset + 1 an index can hold (labels are uint32). */
export const MAX_ROWS = 2 ** 32 - 1;

const METRICS: readonly MetricType[] = ['L2', 'IP', 'COSINE'];

/** The metric named by `value` (case-insensitive, as Milvus accepts it); default COSINE. */
export function resolveMetric(value: unknown, field = 'metric_type'): MetricType {
  if (value === undefined || value === null || value === '') return 'COSINE';
  const m = typeof value === 'string' ? value.toUpperCase() : value;
  if (typeof m === 'string' && (METRICS as readonly string[]).includes(m)) return m as MetricType;
  throw new QuiverError(ErrorCode.InvalidParameter, `${field}: ${JSON.stringify(value)} is not a float-vector metric (L2, IP, COSINE)`);
}

/** An integer param given as a number or a numeric string, checked against [min, max]. */
export function intParam(value: unknown, field: string, min: number, max: number): number {
  const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new QuiverError(ErrorCode.InvalidParameter, `${field}: ${JSON.stringify(value)} is not an integer`);
  }
  if (n < min || n > max) {
    throw new QuiverError(ErrorCode.InvalidParameter, `${field}: ${n} is out of range [${min}, ${max}]`);
  }
  return n;
}

/** An index spec after defaults and validation. */
export interface ResolvedSpec {
  readonly kind: IndexKind;
  readonly dim: number;
  readonly metric: MetricType;
  readonly params: HnswParams | null;
  readonly capacity: number;
  readonly seed: number;
  readonly name: string;
}

/** Applies Milvus's defaults to `spec` and validates it; bad input throws InvalidParameter naming the field. */
export function resolveSpec(spec: IndexSpec): ResolvedSpec {
  const type = typeof spec.indexType === 'string' ? spec.indexType.toUpperCase() : spec.indexType;
  if (type !== 'FLAT' && type !== 'HNSW' && type !== 'AUTOINDEX') {
    throw new QuiverError(ErrorCode.IndexTypeNotSupported, `index_type: ${JSON.stringify(spec.indexType)} is not supported (FLAT, HNSW, AUTOINDEX)`);
  }
  const dim = intParam(spec.dim, 'dim', 1, LIMITS.maxDim);
  const metric = resolveMetric(spec.metric);
  const capacity = spec.capacity === undefined ? 0 : intParam(spec.capacity, 'capacity', 0, MAX_ROWS);
  const seed = spec.seed === undefined ? 100 : intParam(spec.seed, 'seed', 0, 2 ** 32 - 1);
  const name = spec.name ?? `${type} index`;
  const given = Object.entries(spec.params ?? {}).filter(([k]) => k !== 'metric_type' && k !== 'index_type');
  if (type === 'FLAT') {
    if (given.length > 0) throw new QuiverError(ErrorCode.InvalidParameter, `params.${given[0]![0]}: FLAT takes no build params`);
    return { kind: 'FLAT', dim, metric, params: null, capacity, seed, name };
  }
  if (type === 'AUTOINDEX') {
    if (given.length > 0) {
      throw new QuiverError(ErrorCode.InvalidParameter, `params.${given[0]![0]}: only the metric type can be passed when using AUTOINDEX`);
    }
    return { kind: 'HNSW', dim, metric, params: AUTOINDEX_PARAMS, capacity, seed, name };
  }
  const p = spec.params ?? {};
  for (const [k] of given) {
    if (k !== 'M' && k !== 'efConstruction') throw new QuiverError(ErrorCode.InvalidParameter, `params.${k}: not an HNSW build param (M, efConstruction)`);
  }
  const M = p.M === undefined ? HNSW_DEFAULTS.M : intParam(p.M, 'params.M', HNSW_RANGES.M[0], HNSW_RANGES.M[1]);
  const efConstruction =
    p.efConstruction === undefined
      ? HNSW_DEFAULTS.efConstruction
      : intParam(p.efConstruction, 'params.efConstruction', HNSW_RANGES.efConstruction[0], HNSW_RANGES.efConstruction[1]);
  return { kind: 'HNSW', dim, metric, params: { M, efConstruction }, capacity, seed, name };
}

/** Validates topK (Milvus: [1, 16384]). */
export function checkTopK(k: unknown): number {
  return intParam(k, 'limit', 1, LIMITS.maxTopK);
}

/** The search ef: default max(k, 16); an explicit one must be in range and at least k (Milvus's rule). */
export function resolveEf(k: number, ef: unknown): number {
  if (ef === undefined) return Math.max(k, DEFAULT_EF_FLOOR);
  const e = intParam(ef, 'params.ef', HNSW_RANGES.ef[0], HNSW_RANGES.ef[1]);
  if (k > e) throw new QuiverError(ErrorCode.InvalidParameter, `params.ef: ef(${e}) should be larger than k(${k})`);
  return e;
}

/** Numeric code of a metric inside the wasm module and the index blob. */
export function metricCode(m: MetricType): number {
  return METRICS.indexOf(m);
}

/** The metric for a code from the wasm module or a blob; undefined when unknown. */
export function metricFromCode(code: number): MetricType | undefined {
  return METRICS[code];
}
