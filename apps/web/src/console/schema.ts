// The shapes of describeCollection / describeIndex answers the console reads, and helpers over them.

/** A field as `collections/describe` lists it. */
export interface FieldInfo {
  readonly name: string;
  readonly type: string;
  readonly primaryKey?: boolean;
  readonly autoId?: boolean;
  readonly nullable?: boolean;
  readonly partitionKey?: boolean;
  readonly elementType?: string;
  readonly description?: string;
  readonly params?: ReadonlyArray<{ key: string; value: string }>;
}

/** `collections/describe` data. */
export interface CollectionInfo {
  readonly collectionName: string;
  readonly dbName?: string;
  readonly description?: string;
  readonly autoId?: boolean;
  readonly enableDynamicField?: boolean;
  readonly fields: readonly FieldInfo[];
  readonly indexes?: ReadonlyArray<{ fieldName: string; indexName: string; metricType: string }>;
  readonly load?: string;
  readonly partitionsNum?: number;
  readonly consistencyLevel?: string;
  readonly createTime?: number;
}

/** One entry of `indexes/describe` data. */
export interface IndexInfo {
  readonly indexName: string;
  readonly fieldName: string;
  readonly indexType: string;
  readonly metricType: string;
  readonly params?: Record<string, unknown>;
  readonly indexedRows: number;
  readonly totalRows: number;
  readonly pendingRows: number;
  readonly indexState: string;
  readonly failReason?: string;
}

const VECTOR_TYPES = new Set(['FloatVector', 'Float16Vector', 'BFloat16Vector', 'BinaryVector', 'SparseFloatVector', 'Int8Vector']);

/** True for vector fields. */
export const isVector = (f: FieldInfo): boolean => VECTOR_TYPES.has(f.type);

/** A field's type parameter, e.g. param(f, 'dim'). */
export function param(f: FieldInfo, key: string): string | undefined {
  return f.params?.find((p) => p.key === key)?.value;
}

/** "FloatVector(100)", "VarChar(256)", "Array<VarChar>[4]". */
export function typeLabel(f: FieldInfo): string {
  const dim = param(f, 'dim');
  const len = param(f, 'max_length');
  const cap = param(f, 'max_capacity');
  if (f.type === 'Array') return `Array<${f.elementType ?? '?'}>${cap ? `[${cap}]` : ''}`;
  if (dim) return `${f.type}(${dim})`;
  if (len) return `${f.type}(${len})`;
  return f.type;
}

/** The first float vector field, the one searches use by default. */
export function vectorField(info: CollectionInfo): FieldInfo | undefined {
  return info.fields.find((f) => f.type === 'FloatVector') ?? info.fields.find(isVector);
}
