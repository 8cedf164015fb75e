import type { z } from 'zod';
import { ErrorCode, QuiverError } from '../errors.js';
import type { CreateCollectionBody, FieldBody } from '../proxy/requests.js';
import { checkName } from './names.js';
import { LIMITS, type ArrayElementType, type CollectionSchema, type DataType, type FieldSchema } from './types.js';
import { coerceScalar } from './values.js';

const TYPES: Record<string, DataType> = {
  bool: 'Bool', int8: 'Int8', int16: 'Int16', int32: 'Int32', int64: 'Int64', float: 'Float', double: 'Double',
  varchar: 'VarChar', string: 'VarChar', json: 'JSON', array: 'Array', floatvector: 'FloatVector',
};
const UNSUPPORTED = new Set(['binaryvector', 'float16vector', 'bfloat16vector', 'sparsefloatvector', 'int8vector']);
const ELEMENT_TYPES = new Set<DataType>(['Bool', 'Int8', 'Int16', 'Int32', 'Int64', 'Float', 'Double', 'VarChar']);

function dataType(raw: string, where: string): DataType {
  const key = raw.replace(/^DataType\./i, '').toLowerCase();
  const t = TYPES[key];
  if (t) return t;
  if (UNSUPPORTED.has(key)) throw new QuiverError(ErrorCode.Unsupported, `${where}: data type ${raw} is not supported yet (FloatVector is)`);
  throw new QuiverError(ErrorCode.IllegalSchema, `${where}: unknown data type "${raw}"`);
}

function positiveInt(v: number | undefined, max: number, where: string, what: string): number {
  if (v === undefined) throw new QuiverError(ErrorCode.IllegalSchema, `${where}: ${what} is required`);
  if (!Number.isInteger(v) || v < 1 || v > max) throw new QuiverError(ErrorCode.IllegalSchema, `${where}: ${what} must be an integer from 1 to ${max}, got ${v}`);
  return v;
}

export type FieldIn = z.output<typeof FieldBody>;

/** Checks and normalizes one field of a schema (`index` names it in errors). */
export function normalizeField(f: FieldIn, index: number, fieldId: number, autoId: boolean): FieldSchema {
  const where = `schema.fields[${index}]`;
  const fname = checkName('field', f.fieldName, `${where}.fieldName`);
  if (fname === '__proto__') {
    // Rows and columns are JavaScript objects keyed by field name, where this name is the prototype.
    throw new QuiverError(ErrorCode.IllegalSchema, `${where}.fieldName: "__proto__" cannot be a field name in Quiver (it names an object's prototype in JavaScript); as a dynamic field key it is fine`);
  }
  const dt = dataType(f.dataType, `${where}.dataType`);
  const p = f.elementTypeParams ?? {};
  const isPrimary = f.isPrimary === true;
  const base = {
    fieldId, name: fname, dataType: dt, description: f.description ?? '', isPrimary,
    autoId: isPrimary && autoId, isPartitionKey: f.isPartitionKey === true, nullable: f.nullable === true,
  };
  let extra: Partial<FieldSchema> = {};
  if (dt === 'VarChar') extra = { maxLength: positiveInt(p.max_length, LIMITS.maxVarCharLength, `${where}.elementTypeParams.max_length`, 'max_length') };
  if (dt === 'FloatVector') extra = { dim: positiveInt(p.dim, LIMITS.maxDim, `${where}.elementTypeParams.dim`, 'dim') };
  if (dt === 'Array') {
    if (!f.elementDataType) throw new QuiverError(ErrorCode.IllegalSchema, `${where}.elementDataType: an Array field needs an element type`);
    const et = dataType(f.elementDataType, `${where}.elementDataType`);
    if (!ELEMENT_TYPES.has(et)) throw new QuiverError(ErrorCode.IllegalSchema, `${where}.elementDataType: ${et} cannot be an array element`);
    extra = {
      elementType: et as ArrayElementType,
      maxCapacity: positiveInt(p.max_capacity, LIMITS.maxArrayCapacity, `${where}.elementTypeParams.max_capacity`, 'max_capacity'),
      ...(et === 'VarChar' ? { maxLength: positiveInt(p.max_length, LIMITS.maxVarCharLength, `${where}.elementTypeParams.max_length`, 'max_length') } : {}),
    };
  }
  const field: FieldSchema = { ...base, ...extra };
  if (isPrimary) {
    if (dt !== 'Int64' && dt !== 'VarChar') throw new QuiverError(ErrorCode.IllegalSchema, `${where}: the primary field must be Int64 or VarChar, not ${dt}`);
    if (field.nullable) throw new QuiverError(ErrorCode.IllegalSchema, `${where}: the primary field cannot be nullable`);
    if (f.defaultValue !== undefined && f.defaultValue !== null) throw new QuiverError(ErrorCode.IllegalSchema, `${where}: the primary field cannot have a default value`);
  }
  if (field.isPartitionKey && dt !== 'Int64' && dt !== 'VarChar') throw new QuiverError(ErrorCode.IllegalSchema, `${where}: a partition key must be Int64 or VarChar`);
  if (field.isPartitionKey && isPrimary) throw new QuiverError(ErrorCode.IllegalSchema, `${where}: the primary field cannot be the partition key`);
  if (f.defaultValue !== undefined && f.defaultValue !== null) {
    if (dt === 'FloatVector' || dt === 'JSON' || dt === 'Array') throw new QuiverError(ErrorCode.IllegalSchema, `${where}.defaultValue: ${dt} fields cannot have a default value`);
    return { ...field, defaultValue: coerceScalar(field, f.defaultValue, `${where}.defaultValue`, ErrorCode.IllegalSchema) };
  }
  if (dt === 'FloatVector' && field.nullable) throw new QuiverError(ErrorCode.IllegalSchema, `${where}: vector fields cannot be nullable`);
  return field;
}

/** The result of normalizing a collections/create body. */
export interface NormalizedCreate {
  readonly schema: CollectionSchema;
  /** True for quick setup (Milvus then indexes and loads at once). */
  readonly quick: boolean;
  readonly metricType?: string;
}

/** Turns a REST v2 collections/create body (quick setup or custom schema) into a checked schema. */
export function normalizeCreate(body: z.output<typeof CreateCollectionBody>): NormalizedCreate {
  if (!body.schema) {
    if (body.dimension === undefined) throw new QuiverError(ErrorCode.MissingParameter, 'collections/create: give either "schema" or "dimension" (quick setup)');
    const idType = dataType(body.idType ?? 'Int64', 'idType');
    if (idType !== 'Int64' && idType !== 'VarChar') throw new QuiverError(ErrorCode.IllegalSchema, `idType: must be Int64 or VarChar, not ${body.idType}`);
    const pkName = body.primaryFieldName ?? 'id';
    const vecName = body.vectorFieldName ?? 'vector';
    const fields: FieldIn[] = [
      { fieldName: pkName, dataType: idType, isPrimary: true, elementTypeParams: idType === 'VarChar' ? { max_length: body.params?.max_length ?? 65535 } : {} },
      { fieldName: vecName, dataType: 'FloatVector', elementTypeParams: { dim: body.dimension } },
    ];
    const schema = buildSchema(fields, body.autoID ?? body.autoId ?? false, true, body.description ?? '');
    return { schema, quick: true, metricType: body.metricType ?? 'COSINE' };
  }
  const s = body.schema;
  return { schema: buildSchema(s.fields, s.autoId ?? s.autoID ?? body.autoID ?? body.autoId ?? false, s.enableDynamicField ?? s.enabledDynamicField ?? false, s.description ?? body.description ?? ''), quick: false };
}

function buildSchema(fieldsIn: readonly FieldIn[], autoId: boolean, enableDynamicField: boolean, description: string): CollectionSchema {
  if (fieldsIn.length === 0) throw new QuiverError(ErrorCode.IllegalSchema, 'schema.fields: a collection needs at least a primary field and a vector field');
  if (fieldsIn.length > LIMITS.maxFields) throw new QuiverError(ErrorCode.IllegalSchema, `schema.fields: at most ${LIMITS.maxFields} fields, got ${fieldsIn.length}`);
  const fields = fieldsIn.map((f, i) => normalizeField(f, i, 100 + i, autoId));
  const seen = new Set<string>();
  for (const [i, f] of fields.entries()) {
    if (seen.has(f.name)) throw new QuiverError(ErrorCode.IllegalSchema, `schema.fields[${i}].fieldName: duplicate field name "${f.name}"`);
    seen.add(f.name);
  }
  const primaries = fields.filter((f) => f.isPrimary);
  if (primaries.length !== 1) throw new QuiverError(ErrorCode.IllegalSchema, `schema.fields: exactly one field must have isPrimary: true, found ${primaries.length}`);
  const vectors = fields.filter((f) => f.dataType === 'FloatVector');
  if (vectors.length === 0) throw new QuiverError(ErrorCode.IllegalSchema, 'schema.fields: a collection needs at least one vector field');
  if (vectors.length > LIMITS.maxVectorFields) throw new QuiverError(ErrorCode.IllegalSchema, `schema.fields: at most ${LIMITS.maxVectorFields} vector fields`);
  if (fields.filter((f) => f.isPartitionKey).length > 1) throw new QuiverError(ErrorCode.IllegalSchema, 'schema.fields: at most one partition key field');
  return { fields, enableDynamicField, description };
}
