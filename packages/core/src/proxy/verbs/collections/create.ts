import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { DEFAULT_PARTITION } from '../../../rootcoord/catalog.js';
import { CONSISTENCY_LEVELS, type CollectionMeta, type IndexMeta, type PartitionMeta } from '../../../rootcoord/meta.js';
import { checkName } from '../../../schema/names.js';
import { normalizeCreate } from '../../../schema/normalize.js';
import { parseTtlSeconds, TTL_PROPERTY } from '../../../segment/ttl.js';
import type { CollectionSchema } from '../../../schema/types.js';
import { stringifyWithBigInt } from '../../../util/json.js';
import { database } from '../../context.js';
import { CreateCollectionBody, parseBody } from '../../requests.js';
import { normalizeIndexParams } from '../indexes/index-params.js';

const DEFAULT_PARTITION_KEY_BUCKETS = 16;

function consistency(level: string | undefined): string {
  if (level === undefined) return 'Bounded';
  const hit = CONSISTENCY_LEVELS.find((l) => l.toLowerCase() === level.toLowerCase());
  if (!hit) throw new QuiverError(ErrorCode.InvalidParameter, `params.consistencyLevel: "${level}" is not one of ${CONSISTENCY_LEVELS.join(', ')}`);
  return hit;
}

function sameSchema(a: CollectionSchema, b: CollectionSchema): boolean {
  const strip = (s: CollectionSchema) => stringifyWithBigInt({ ...s, fields: s.fields.map(({ fieldId: _, ...f }) => f) });
  return strip(a) === strip(b);
}

/**
 * collections/create: quick setup (`dimension`: id + vector fields, dynamic field, AUTOINDEX,
 * loaded at once) or a custom `schema` with optional `indexParams` (loaded at once when given).
 * Creating an existing collection with the same schema succeeds, as in Milvus.
 */
export async function createCollection(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(CreateCollectionBody, raw, 'collections/create');
  checkName('collection', body.collectionName);
  const { schema, quick, metricType } = normalizeCreate(body);
  const p = body.params ?? {};
  const level = consistency(p.consistencyLevel);
  const shardsNum = p.shardsNum ?? 1;
  if (!Number.isInteger(shardsNum) || shardsNum < 1 || shardsNum > 16) throw new QuiverError(ErrorCode.InvalidParameter, `params.shardsNum: must be 1 to 16, got ${shardsNum}`);
  const keyField = schema.fields.find((f) => f.isPartitionKey);
  const buckets = keyField ? (p.partitionsNum ?? DEFAULT_PARTITION_KEY_BUCKETS) : 0;
  if (keyField && (!Number.isInteger(buckets) || buckets < 1 || buckets > 1024)) throw new QuiverError(ErrorCode.InvalidParameter, `params.partitionsNum: must be 1 to 1024, got ${buckets}`);
  const indexes: IndexMeta[] = quick
    ? [{ indexName: schema.fields[1]!.name, fieldName: schema.fields[1]!.name, indexType: 'AUTOINDEX', metricType: metricType!.toUpperCase(), params: {} }]
    : normalizeIndexParams(schema, body.indexParams ?? [], []);
  const ttl = p.ttlSeconds === undefined ? undefined : parseTtlSeconds(p.ttlSeconds);
  if (typeof ttl === 'string') throw new QuiverError(ErrorCode.InvalidParameter, `params.ttlSeconds: ${ttl}`);
  await inst.lock.run(async () => {
    const db = database(inst, body.dbName);
    const existing = inst.catalog.findCollection(db.id, body.collectionName);
    if (existing) {
      if (existing.name === body.collectionName && sameSchema(existing.schema, schema)) return;
      throw new QuiverError(ErrorCode.AlreadyExists, `collections/create: a collection or alias named "${body.collectionName}" already exists in database "${db.name}" with a different schema`);
    }
    if (inst.catalog.collections(db.id).length >= 65536) throw new QuiverError(ErrorCode.TooManyCollections, `collections/create: database "${db.name}" already has 65536 collections`);
    const ts = inst.tso.next().toString();
    const id = await inst.ids.one();
    const names = keyField ? Array.from({ length: buckets }, (_, i) => `${DEFAULT_PARTITION}_${i}`) : [DEFAULT_PARTITION];
    const partitions: PartitionMeta[] = [];
    for (const name of names) partitions.push({ id: await inst.ids.one(), name, createdTs: ts });
    const meta: CollectionMeta = {
      id, dbId: db.id, name: body.collectionName, description: schema.description, schema, partitions,
      properties: {}, consistencyLevel: level, shardsNum, partitionKeyBuckets: buckets, indexes,
      loaded: quick || indexes.length > 0, createdTs: ts, segments: [], flushedLsn: {}, deltaLsn: 0, deltas: [],
    };
    if (ttl !== undefined) meta.properties[TTL_PROPERTY] = String(ttl);
    await inst.catalog.putCollection(meta);
    const rt = inst.runtime(meta);
    if (meta.loaded) rt.load([], []);
  });
  return { data: {} };
}
