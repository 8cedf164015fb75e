import { z } from 'zod';
import { ErrorCode, QuiverError } from '../errors.js';

// Request bodies of Milvus's REST API v2 (camelCase). One schema per request type serves the
// TypeScript client and the REST server. Unknown keys are ignored, as Milvus does.

const name = z.string();
const db = { dbName: z.string().optional() };
const coll = { ...db, collectionName: name };
/** Integers that Milvus's docs also send as strings ("dim": "128"). */
const intLike = z.union([z.number(), z.string().regex(/^\s*-?\d+\s*$/)]).transform((v) => Number(v));
const properties = z.record(z.string(), z.unknown());

/** `elementTypeParams` / `params` of a field. */
const fieldParams = z
  .looseObject({ dim: intLike.optional(), max_length: intLike.optional(), max_capacity: intLike.optional() })
  .optional();

/** One field of a custom schema. */
export const FieldBody = z.looseObject({
  fieldName: name,
  dataType: z.string(),
  elementDataType: z.string().optional(),
  isPrimary: z.boolean().optional(),
  isPartitionKey: z.boolean().optional(),
  isClusteringKey: z.boolean().optional(),
  nullable: z.boolean().optional(),
  defaultValue: z.unknown().optional(),
  description: z.string().optional(),
  elementTypeParams: fieldParams,
});

/** One entry of `indexParams`. */
export const IndexParamBody = z.looseObject({
  fieldName: name,
  indexName: z.string().optional(),
  metricType: z.string().optional(),
  indexType: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
});

/** collections/create (quick setup or custom schema). */
export const CreateCollectionBody = z.looseObject({
  ...coll,
  dimension: intLike.optional(),
  metricType: z.string().optional(),
  idType: z.string().optional(),
  autoID: z.boolean().optional(),
  autoId: z.boolean().optional(),
  primaryFieldName: z.string().optional(),
  vectorFieldName: z.string().optional(),
  description: z.string().optional(),
  schema: z
    .looseObject({
      autoId: z.boolean().optional(),
      autoID: z.boolean().optional(),
      enableDynamicField: z.boolean().optional(),
      enabledDynamicField: z.boolean().optional(),
      description: z.string().optional(),
      fields: z.array(FieldBody),
    })
    .optional(),
  indexParams: z.array(IndexParamBody).optional(),
  params: z
    .looseObject({
      shardsNum: intLike.optional(),
      partitionsNum: intLike.optional(),
      consistencyLevel: z.string().optional(),
      ttlSeconds: intLike.optional(),
      max_length: intLike.optional(),
    })
    .optional(),
});

export const DatabaseBody = z.looseObject({ dbName: name, properties: properties.optional() });
export const AlterDatabaseBody = z.looseObject({ dbName: name, properties });
export const ListBody = z.looseObject({ ...db });
export const CollectionBody = z.looseObject({ ...coll });
export const RenameCollectionBody = z.looseObject({ ...coll, newCollectionName: name, newDbName: z.string().optional() });
export const AlterPropertiesBody = z.looseObject({ ...coll, properties });
export const DropPropertiesBody = z.looseObject({ ...coll, propertyKeys: z.array(z.string()) });
export const PartitionBody = z.looseObject({ ...coll, partitionName: name });
export const PartitionsBody = z.looseObject({ ...coll, partitionNames: z.array(name).optional() });
export const AliasBody = z.looseObject({ ...db, aliasName: name, collectionName: name });
export const AliasNameBody = z.looseObject({ ...db, aliasName: name });
export const ListAliasesBody = z.looseObject({ ...db, collectionName: z.string().optional() });

// Rows pass through as the caller built them, checked by rowsToChunk (which names the row and
// the key). A zod record or object would copy each row key by key: that drops a `__proto__` key
// (or makes it the copy's prototype) and refuses a row with a `constructor` key as "Invalid input".
const ROW_DOC = { type: 'object', additionalProperties: {}, description: 'one row: field name → value; other keys go to the dynamic field' };
const row = z.custom<Record<string, unknown>>().meta(ROW_DOC);
const oneRow = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'expected a row object or an array of them' }).meta(ROW_DOC);
/** entities/insert and entities/upsert. */
export const InsertBody = z.looseObject({ ...coll, data: z.union([z.array(row), oneRow.transform((r) => [r])]), partitionName: z.string().optional() });

const ids = z.union([z.array(z.union([z.number(), z.string(), z.bigint()])), z.number(), z.string(), z.bigint()]);
const exprParams = z.record(z.string(), z.unknown()).optional();
/** entities/delete: by `filter` (REST) or by `ids` (client convenience). */
export const DeleteBody = z.looseObject({ ...coll, filter: z.string().optional(), ids: ids.optional(), partitionName: z.string().optional(), exprParams, filterParams: exprParams });
/** entities/get. */
export const GetBody = z.looseObject({ ...coll, id: ids.optional(), ids: ids.optional(), outputFields: z.array(z.string()).optional(), partitionNames: z.array(name).optional() });
/** entities/query. */
export const QueryBody = z.looseObject({
  ...coll,
  filter: z.string().optional(),
  limit: z.number().int().nonnegative().optional(),
  offset: z.number().int().nonnegative().optional(),
  outputFields: z.array(z.string()).optional(),
  partitionNames: z.array(name).optional(),
  consistencyLevel: z.string().optional(),
  exprParams,
  filterParams: exprParams,
});
export const CompactionStateBody = z.looseObject({ ...db, jobID: z.union([z.number(), z.string()]).optional(), compactionID: z.union([z.number(), z.string()]).optional() });

/**
 * Validates a request body against its schema; a mismatch becomes a QuiverError naming the field
 * (`InvalidParameter`, or `MissingParameter` when a required field is absent).
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, verb: string): z.output<S> {
  const r = schema.safeParse(body ?? {}, { reportInput: true });
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.map(String).join('.') || 'body';
  // Absent (not merely invalid) → MissingParameter; union-typed fields (`data`, `ids`) report
  // invalid_union rather than invalid_type, so look at the body itself.
  const given = issue.path.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), body ?? {});
  const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_union') && given === undefined;
  throw new QuiverError(
    missing ? ErrorCode.MissingParameter : ErrorCode.InvalidParameter,
    `${verb}: ${missing ? `missing required parameter ${path}` : `invalid parameter ${path}: ${issue.message}`}`,
  );
}

const vectors = z.array(z.union([z.array(z.number()), z.instanceof(Float32Array)]));
const searchParams = z
  .looseObject({
    metricType: z.string().optional(),
    metric_type: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    ef: z.unknown().optional(),
    radius: z.number().optional(),
    range_filter: z.number().optional(),
  })
  .optional();

/** entities/search. */
export const SearchBody = z.looseObject({
  ...coll,
  data: vectors,
  annsField: z.string().optional(),
  filter: z.string().optional(),
  limit: z.number().int().positive().optional(),
  offset: z.number().int().nonnegative().optional(),
  outputFields: z.array(z.string()).optional(),
  searchParams,
  groupingField: z.string().optional(),
  groupSize: z.number().int().positive().optional(),
  strictGroupSize: z.boolean().optional(),
  partitionNames: z.array(name).optional(),
  consistencyLevel: z.string().optional(),
  exprParams,
  filterParams: exprParams,
});

/** One sub-request of entities/hybrid_search. */
export const SubSearchBody = z.looseObject({
  data: vectors,
  annsField: z.string().optional(),
  filter: z.string().optional(),
  limit: z.number().int().positive().optional(),
  offset: z.number().int().nonnegative().optional(),
  metricType: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  searchParams,
  exprParams,
});

/** entities/hybrid_search. */
export const HybridSearchBody = z.looseObject({
  ...coll,
  search: z.array(SubSearchBody).min(1),
  rerank: z.looseObject({ strategy: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
  limit: z.number().int().positive().optional(),
  offset: z.number().int().nonnegative().optional(),
  outputFields: z.array(z.string()).optional(),
  partitionNames: z.array(name).optional(),
  consistencyLevel: z.string().optional(),
});

/** indexes/create. */
export const CreateIndexBody = z.looseObject({ ...coll, indexParams: z.array(IndexParamBody).min(1) });
/** indexes/describe, indexes/drop. */
export const IndexNameBody = z.looseObject({ ...coll, indexName: name });

/** users/describe, users/drop. */
export const UserBody = z.looseObject({ ...db, userName: name });
/** users/create. */
export const PasswordBody = z.looseObject({ ...db, userName: name, password: z.string() });
/** users/update_password: the old password and the new one. */
export const NewPasswordBody = z.looseObject({ ...db, userName: name, password: z.string(), newPassword: z.string() });
/** users/grant_role, users/revoke_role. */
export const UserRoleBody = z.looseObject({ ...db, userName: name, roleName: name });
/** roles/create, roles/describe, roles/drop. */
export const RoleBody = z.looseObject({ ...db, roleName: name });
/** roles/grant_privilege, roles/revoke_privilege. */
export const GrantBody = z.looseObject({ ...db, roleName: name, objectType: z.string(), objectName: z.string(), privilege: z.string() });
/** roles/grant_privilege_v2, roles/revoke_privilege_v2 (`dbName`/`collectionName` default `*`). */
export const GrantV2Body = z.looseObject({ roleName: name, privilege: z.string(), dbName: z.string().optional(), collectionName: z.string().optional() });
/** databases/drop_properties. */
export const DropDatabasePropertiesBody = z.looseObject({ dbName: name, propertyKeys: z.array(z.string()) });
/** indexes/alter_properties. */
export const IndexPropertiesBody = z.looseObject({ ...coll, indexName: name, properties });
/** indexes/drop_properties. */
export const DropIndexPropertiesBody = z.looseObject({ ...coll, indexName: name, propertyKeys: z.array(z.string()) });
/** collections/fields/alter_properties. */
export const FieldPropertiesBody = z.looseObject({ ...coll, fieldName: name, fieldParams: properties });

/** collections/fields/add: one new field, given as `schema` (REST) or `field`. */
export const AddFieldBody = z.looseObject({ ...coll, schema: FieldBody.optional(), field: FieldBody.optional() });
