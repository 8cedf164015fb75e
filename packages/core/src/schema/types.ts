/**
 * Collection schemas as the engine keeps them (normalized from the REST v2 request bodies by
 * `schema/normalize.ts`). Data type names are Milvus's.
 */
export const DataType = {
  Bool: 'Bool',
  Int8: 'Int8',
  Int16: 'Int16',
  Int32: 'Int32',
  Int64: 'Int64',
  Float: 'Float',
  Double: 'Double',
  VarChar: 'VarChar',
  JSON: 'JSON',
  Array: 'Array',
  FloatVector: 'FloatVector',
} as const;

/** One of Milvus's data type names that Quiver supports. */
export type DataType = (typeof DataType)[keyof typeof DataType];

/** Element types allowed inside an Array field (Milvus: any scalar but JSON and Array). */
export type ArrayElementType = 'Bool' | 'Int8' | 'Int16' | 'Int32' | 'Int64' | 'Float' | 'Double' | 'VarChar';

/** The integer data types (stored as typed arrays; Int64 as BigInt64Array). */
export const INTEGER_TYPES: ReadonlySet<DataType> = new Set(['Int8', 'Int16', 'Int32', 'Int64']);
/** The numeric data types. */
export const NUMERIC_TYPES: ReadonlySet<DataType> = new Set(['Int8', 'Int16', 'Int32', 'Int64', 'Float', 'Double']);

/** A primary key value inside the engine: Int64 keys are bigint, VarChar keys are string. */
export type Pk = bigint | string;

/** One field of a collection, normalized. */
export interface FieldSchema {
  /** Stable id, unique within the collection (100, 101, … like Milvus). */
  readonly fieldId: number;
  readonly name: string;
  readonly dataType: DataType;
  readonly description: string;
  readonly isPrimary: boolean;
  /** Only on the primary field: ids are allocated by RootCoord. */
  readonly autoId: boolean;
  readonly isPartitionKey: boolean;
  readonly nullable: boolean;
  /** Filled in when a row omits the field (or gives null on a non-nullable field). Int64 as bigint. */
  readonly defaultValue?: unknown;
  /** VarChar: maximum length in characters (Milvus counts UTF-8 bytes; so do we). */
  readonly maxLength?: number;
  /** FloatVector: dimension. */
  readonly dim?: number;
  /** Array: element type and capacity; VarChar elements also carry maxLength. */
  readonly elementType?: ArrayElementType;
  readonly maxCapacity?: number;
}

/** The name of the hidden JSON column that keeps a row's dynamic (undeclared) keys. */
export const DYNAMIC_FIELD = '$meta';

/** A collection's schema, normalized. */
export interface CollectionSchema {
  readonly fields: readonly FieldSchema[];
  readonly enableDynamicField: boolean;
  readonly description: string;
}

/** The primary field of a schema (every valid schema has exactly one). */
export function primaryField(schema: CollectionSchema): FieldSchema {
  const f = schema.fields.find((x) => x.isPrimary);
  if (!f) throw new Error('schema has no primary field');
  return f;
}

/** The vector fields of a schema. */
export function vectorFields(schema: CollectionSchema): FieldSchema[] {
  return schema.fields.filter((f) => f.dataType === 'FloatVector');
}

/** Milvus's limits, which Quiver matches. */
export const LIMITS = {
  maxNameLength: 255,
  maxDim: 32768,
  maxVarCharLength: 65535,
  maxFields: 64,
  maxPartitions: 4096,
  maxArrayCapacity: 4096,
  maxTopK: 16384,
  maxRequestBytes: 64 * 1024 * 1024,
  maxVectorFields: 4,
  maxInsertRows: 100_000,
} as const;
