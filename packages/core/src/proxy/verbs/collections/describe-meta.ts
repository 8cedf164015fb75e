import type { Instance } from '../../../instance.js';
import type { CollectionMeta } from '../../../rootcoord/meta.js';
import { fromInt64 } from '../../../schema/int64.js';
import type { FieldSchema } from '../../../schema/types.js';
import { loadStateOf } from './load-state.js';

/** A field as collections/describe shows it (Milvus REST v2 shape). */
export function describeField(f: FieldSchema): Record<string, unknown> {
  const params: Array<{ key: string; value: string }> = [];
  if (f.dim !== undefined) params.push({ key: 'dim', value: String(f.dim) });
  if (f.maxLength !== undefined) params.push({ key: 'max_length', value: String(f.maxLength) });
  if (f.maxCapacity !== undefined) params.push({ key: 'max_capacity', value: String(f.maxCapacity) });
  return {
    name: f.name, id: f.fieldId, type: f.dataType, description: f.description, primaryKey: f.isPrimary,
    partitionKey: f.isPartitionKey, clusteringKey: false, autoId: f.autoId, nullable: f.nullable,
    ...(f.defaultValue !== undefined ? { defaultValue: typeof f.defaultValue === 'bigint' ? fromInt64(f.defaultValue, 'auto') : f.defaultValue } : {}),
    ...(f.elementType ? { elementType: f.elementType } : {}),
    params,
  };
}

/** The describe body of a collection. */
export function describeMeta(inst: Instance, dbName: string, meta: CollectionMeta): Record<string, unknown> {
  return {
    collectionName: meta.name, collectionID: meta.id, dbName, description: meta.description,
    autoId: meta.schema.fields.some((f) => f.autoId), enableDynamicField: meta.schema.enableDynamicField,
    fields: meta.schema.fields.map(describeField), functions: [],
    aliases: inst.catalog.aliasesOf(meta.dbId, meta.id),
    indexes: meta.indexes.map((i) => ({ fieldName: i.fieldName, indexName: i.indexName, metricType: i.metricType })),
    load: loadStateOf(inst, meta), partitionsNum: meta.partitions.length, shardsNum: meta.shardsNum,
    consistencyLevel: meta.consistencyLevel, properties: Object.entries(meta.properties).map(([key, value]) => ({ key, value })),
    createTime: Number(BigInt(meta.createdTs) >> 18n),
  };
}
