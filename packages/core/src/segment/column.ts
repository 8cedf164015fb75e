import type { DataType } from '../schema/types.js';

/**
 * Column storage for one field over a run of rows. Values are typed arrays where the type has a
 * fixed width. For nullable fields `valid[i] === 0` marks a null (the value slot then holds 0, ''
 * or null). FloatVector values are `rowCount * dim` floats, row-major.
 */
export type ColumnValues =
  | Uint8Array // Bool (0/1)
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array // Int64
  | Float32Array // Float, FloatVector
  | Float64Array // Double
  | string[] // VarChar
  | unknown[]; // JSON (parsed values; null for SQL null) and Array (element arrays)

/** One column. */
export interface Column {
  readonly dataType: DataType;
  readonly values: ColumnValues;
  /** Per-row validity (1 valid, 0 null) for nullable fields; null when every row is valid. */
  readonly valid: Uint8Array | null;
  /** FloatVector only. */
  readonly dim?: number;
}

/**
 * A run of rows stored column-wise: a growing segment's insert batch, or a whole sealed segment.
 * `columns` holds every schema field by name plus `$meta` (dynamic keys as objects) when the
 * collection has a dynamic field.
 */
export interface Chunk {
  readonly rowCount: number;
  readonly columns: Readonly<Record<string, Column>>;
}
