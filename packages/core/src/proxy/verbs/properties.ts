import { ErrorCode, QuiverError } from '../../errors.js';
import type { Instance } from '../../instance.js';
import type { FieldSchema } from '../../schema/types.js';
import { LIMITS } from '../../schema/types.js';
import { target } from '../context.js';
import { DropDatabasePropertiesBody, DropIndexPropertiesBody, FieldPropertiesBody, IndexPropertiesBody, parseBody } from '../requests.js';

type Empty = { data: Record<string, never> };

/** databases/drop_properties. */
export async function dropDatabaseProperties(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(DropDatabasePropertiesBody, raw, 'databases/drop_properties');
  await inst.lock.run(async () => {
    inst.checkOpen();
    const db = inst.catalog.database(body.dbName);
    const properties = { ...db.properties };
    for (const k of body.propertyKeys) delete properties[k];
    await inst.catalog.putDatabase({ ...db, properties });
  });
  return { data: {} };
}

async function changeIndexParams(inst: Instance, body: { dbName?: string | undefined; collectionName: string; indexName: string }, change: (p: Record<string, unknown>) => void): Promise<void> {
  await inst.lock.run(async () => {
    const t = target(inst, body);
    const ix = t.meta.indexes.find((i) => i.indexName === body.indexName);
    if (!ix) throw new QuiverError(ErrorCode.IndexNotFound, `index not found: "${body.indexName}" on collection "${t.meta.name}"`);
    const params = { ...ix.params };
    change(params);
    await inst.commitCollection({ ...t.meta, indexes: t.meta.indexes.map((i) => (i === ix ? { ...ix, params } : i)) });
  });
}

/**
 * indexes/alter_properties: stored with the index's user params (as Milvus keeps `mmap.enabled`);
 * the index type and metric cannot change this way.
 */
export async function alterIndexProperties(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(IndexPropertiesBody, raw, 'indexes/alter_properties');
  for (const k of Object.keys(body.properties)) {
    if (k === 'index_type' || k === 'metric_type') throw new QuiverError(ErrorCode.InvalidParameter, `indexes/alter_properties: "${k}" cannot be altered; drop and create the index instead`);
  }
  await changeIndexParams(inst, body, (p) => {
    for (const [k, v] of Object.entries(body.properties)) p[k] = typeof v === 'string' ? v : JSON.stringify(v);
  });
  return { data: {} };
}

/** indexes/drop_properties. */
export async function dropIndexProperties(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(DropIndexPropertiesBody, raw, 'indexes/drop_properties');
  await changeIndexParams(inst, body, (p) => {
    for (const k of body.propertyKeys) delete p[k];
  });
  return { data: {} };
}

function positiveInt(v: unknown, key: string, max: number): number {
  const n = typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) throw new QuiverError(ErrorCode.InvalidParameter, `collections/fields/alter_properties: ${key} must be an integer from 1 to ${max}`);
  return n;
}

/**
 * collections/fields/alter_properties: `max_length` of a VarChar field (or of VarChar array
 * elements) and `max_capacity` of an Array field. New rows are checked against the new limits;
 * stored rows stay as they are.
 */
export async function alterFieldProperties(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(FieldPropertiesBody, raw, 'collections/fields/alter_properties');
  await inst.lock.run(async () => {
    const t = target(inst, body);
    const f = t.meta.schema.fields.find((x) => x.name === body.fieldName);
    if (!f) throw new QuiverError(ErrorCode.FieldNotFound, `field not found: "${body.fieldName}" in collection "${t.meta.name}"`);
    let next: FieldSchema = f;
    for (const [k, v] of Object.entries(body.fieldParams)) {
      if (k === 'max_length' && (f.dataType === 'VarChar' || f.elementType === 'VarChar')) next = { ...next, maxLength: positiveInt(v, k, LIMITS.maxVarCharLength) };
      else if (k === 'max_capacity' && f.dataType === 'Array') next = { ...next, maxCapacity: positiveInt(v, k, LIMITS.maxArrayCapacity) };
      else throw new QuiverError(ErrorCode.InvalidParameter, `collections/fields/alter_properties: "${k}" cannot be altered on ${f.dataType} field "${f.name}" (max_length on VarChar, max_capacity on Array)`);
    }
    const schema = { ...t.meta.schema, fields: t.meta.schema.fields.map((x) => (x === f ? next : x)) };
    await inst.commitCollection({ ...t.meta, schema });
  });
  return { data: {} };
}
