import { ErrorCode, QuiverError } from '../errors.js';
import type { Chunk, Column, ColumnValues } from '../segment/column.js';
import { ownValue, setOwn } from '../util/own.js';
import { describe } from './int64.js';
import { DYNAMIC_FIELD, LIMITS, type CollectionSchema, type FieldSchema, type Pk } from './types.js';
import { checkJsonValue, coerceScalar, coerceValue } from './values.js';

/** What {@link rowsToChunk} needs besides the rows. */
export interface RowsToChunkOptions {
  /** Allocates `n` fresh ids for an autoId primary field. */
  readonly allocateIds: (n: number) => bigint[];
  /** Upsert: the primary key must be given even when the field is autoId. */
  readonly upsert: boolean;
  /** Name of the request for error messages, e.g. "insert". */
  readonly verb: string;
}

/** A validated batch: its columns and its primary keys in row order. */
export interface ValidatedRows {
  readonly chunk: Chunk;
  readonly pks: Pk[];
}

/** Allocates the typed storage for `n` values of a field. */
export function allocValues(field: FieldSchema, n: number): ColumnValues {
  switch (field.dataType) {
    case 'Bool': return new Uint8Array(n);
    case 'Int8': return new Int8Array(n);
    case 'Int16': return new Int16Array(n);
    case 'Int32': return new Int32Array(n);
    case 'Int64': return new BigInt64Array(n);
    case 'Float': return new Float32Array(n);
    case 'Double': return new Float64Array(n);
    case 'FloatVector': return new Float32Array(n * field.dim!);
    case 'VarChar': return new Array<string>(n).fill('');
    default: return new Array<unknown>(n).fill(null);
  }
}

function fieldValue(field: FieldSchema, raw: unknown, where: string): unknown {
  switch (field.dataType) {
    case 'FloatVector': return vectorValue(field, raw, where);
    case 'JSON': return jsonValue(raw, where);
    case 'Array': {
      if (!Array.isArray(raw)) throw new QuiverError(ErrorCode.InvalidInsertData, `${where}: expected an array of ${field.elementType}, got ${describe(raw)}`);
      if (raw.length > field.maxCapacity!) throw new QuiverError(ErrorCode.InvalidInsertData, `${where}: ${raw.length} elements exceed max_capacity ${field.maxCapacity}`);
      return raw.map((v, i) => coerceValue(field.elementType!, v, `${where}[${i}]`, ErrorCode.InvalidInsertData, field.maxLength));
    }
    default: return coerceScalar(field, raw, where);
  }
}

function jsonValue(raw: unknown, where: string): unknown {
  if (typeof raw !== 'string') return checkJsonValue(raw, where);
  try {
    return checkJsonValue(JSON.parse(raw), where);
  } catch (e) {
    if (e instanceof QuiverError) throw e;
    throw new QuiverError(ErrorCode.InvalidInsertData, `${where}: malformed JSON text: ${(e as Error).message}`);
  }
}

function vectorValue(field: FieldSchema, raw: unknown, where: string): ArrayLike<number> {
  const dim = field.dim!;
  if (!(Array.isArray(raw) || raw instanceof Float32Array || raw instanceof Float64Array)) {
    throw new QuiverError(ErrorCode.InvalidInsertData, `${where}: expected a vector of ${dim} floats, got ${describe(raw)}`);
  }
  if (raw.length !== dim) throw new QuiverError(ErrorCode.InvalidInsertData, `${where}: expected dim ${dim}, got a vector of ${raw.length}`);
  for (let i = 0; i < dim; i++) {
    const x = raw[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new QuiverError(ErrorCode.InvalidInsertData, `${where}[${i}]: ${describe(x)} is not a finite number`);
  }
  return raw as ArrayLike<number>;
}

function store(values: ColumnValues, field: FieldSchema, row: number, v: unknown): void {
  if (field.dataType === 'FloatVector') (values as Float32Array).set(v as ArrayLike<number>, row * field.dim!);
  else if (field.dataType === 'Bool') (values as Uint8Array)[row] = v ? 1 : 0;
  else (values as unknown[])[row] = v;
}

/**
 * Validates rows against a schema and turns them into columns: types, dims, max_length, ranges,
 * nullability, defaults, dynamic keys, auto ids. Throws a QuiverError naming the row and field on
 * the first problem; nothing is allocated outside the returned chunk.
 */
export function rowsToChunk(schema: CollectionSchema, rows: readonly Record<string, unknown>[], opts: RowsToChunkOptions): ValidatedRows {
  const n = rows.length;
  if (n === 0) throw new QuiverError(ErrorCode.InvalidInsertData, `${opts.verb}: data is empty`);
  if (n > LIMITS.maxInsertRows) throw new QuiverError(ErrorCode.ParameterTooLarge, `${opts.verb}: ${n} rows in one request, more than ${LIMITS.maxInsertRows}`);
  const known = new Set(schema.fields.map((f) => f.name));
  const columns: Record<string, Column> = {};
  const pkField = schema.fields.find((f) => f.isPrimary)!;
  const generate = pkField.autoId && !opts.upsert;
  let pks: Pk[] = [];
  for (const field of schema.fields) {
    const values = allocValues(field, n);
    const valid = field.nullable ? new Uint8Array(n) : null;
    for (let r = 0; r < n; r++) {
      const row = rows[r]!;
      if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new QuiverError(ErrorCode.InvalidInsertData, `${opts.verb}: data[${r}] must be an object, got ${describe(row)}`);
      const where = `data[${r}].${field.name}`;
      if (field.isPrimary && generate) {
        if (ownValue(row, field.name) !== undefined) throw new QuiverError(ErrorCode.InvalidInsertData, `${where}: the primary field is autoId; do not pass it on insert`);
        continue;
      }
      // Own properties only: a row's prototype is not data (JSON.stringify would not send it either).
      let raw = ownValue(row, field.name);
      if (raw === undefined || raw === null) {
        if (field.defaultValue !== undefined) raw = field.defaultValue;
        else if (field.nullable) continue;
        else throw new QuiverError(ErrorCode.InvalidInsertData, `${where}: missing value for the ${field.isPrimary ? 'primary ' : ''}field "${field.name}" (${field.dataType}${field.nullable ? '' : ', not nullable'})`);
      }
      store(values, field, r, fieldValue(field, raw, where));
      if (valid) valid[r] = 1;
    }
    if (field.isPrimary) {
      if (generate) {
        const ids = opts.allocateIds(n);
        if (field.dataType === 'Int64') (values as BigInt64Array).set(ids);
        else ids.forEach((id, i) => ((values as string[])[i] = id.toString()));
      }
      pks = Array.from(values as ArrayLike<Pk>);
    }
    columns[field.name] = field.dataType === 'FloatVector' ? { dataType: field.dataType, values, valid, dim: field.dim! } : { dataType: field.dataType, values, valid };
  }
  if (schema.enableDynamicField) {
    const meta = new Array<unknown>(n);
    for (let r = 0; r < n; r++) {
      let extra: Record<string, unknown> | null = null;
      for (const [k, v] of Object.entries(rows[r]!)) {
        if (known.has(k) || k === DYNAMIC_FIELD || v === undefined) continue;
        // Any JSON key is a dynamic key, as in Milvus: `__proto__` stays an own key, not a prototype.
        setOwn((extra ??= {}), k, checkJsonValue(v, `data[${r}].${k}`));
      }
      meta[r] = extra ?? {};
    }
    columns[DYNAMIC_FIELD] = { dataType: 'JSON', values: meta, valid: null };
  } else {
    for (let r = 0; r < n; r++) {
      for (const k of Object.keys(rows[r]!)) {
        if (!known.has(k)) throw new QuiverError(ErrorCode.FieldNotFound, `data[${r}].${k}: the collection has no field "${k}" and no dynamic field`);
      }
    }
  }
  return { chunk: { rowCount: n, columns }, pks };
}
