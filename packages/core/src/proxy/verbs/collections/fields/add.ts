import { ErrorCode, QuiverError } from '../../../../errors.js';
import type { Instance } from '../../../../instance.js';
import { completeChunk } from '../../../../schema/evolve.js';
import { normalizeField } from '../../../../schema/normalize.js';
import { LIMITS } from '../../../../schema/types.js';
import { target } from '../../../context.js';
import { AddFieldBody, parseBody } from '../../../requests.js';

/**
 * collections/fields/add: adds a nullable scalar field to an existing collection without
 * rewriting its data; rows stored before read null (or the field's default value).
 */
export async function addCollectionField(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(AddFieldBody, raw, 'collections/fields/add');
  const fieldIn = body.schema ?? body.field;
  if (!fieldIn) throw new QuiverError(ErrorCode.MissingParameter, 'collections/fields/add: missing required parameter schema (the new field)');
  await inst.lock.run(async () => {
    const t = target(inst, body);
    const fields = t.meta.schema.fields;
    if (fields.length >= LIMITS.maxFields) throw new QuiverError(ErrorCode.IllegalSchema, `collections/fields/add: the collection already has ${LIMITS.maxFields} fields`);
    const field = normalizeField(fieldIn, fields.length, Math.max(...fields.map((f) => f.fieldId)) + 1, false);
    const where = `schema.fieldName "${field.name}"`;
    if (fields.some((f) => f.name === field.name)) throw new QuiverError(ErrorCode.IllegalSchema, `${where}: the collection already has a field of that name`);
    if (field.isPrimary || field.isPartitionKey) throw new QuiverError(ErrorCode.IllegalSchema, `${where}: an added field cannot be the primary or partition key`);
    if (field.dataType === 'FloatVector') throw new QuiverError(ErrorCode.IllegalSchema, `${where}: vector fields cannot be added to an existing collection`);
    if (!field.nullable) throw new QuiverError(ErrorCode.IllegalSchema, `${where}: an added field must be nullable (rows stored before have no value)`);
    const schema = { ...t.meta.schema, fields: [...fields, field] };
    await inst.commitCollection({ ...t.meta, schema });
    for (const seg of t.rt.segments()) for (const c of seg.chunks) completeChunk(schema, c);
  });
  return { data: {} };
}
