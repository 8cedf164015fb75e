import { ErrorCode, QuiverError } from '../../../../errors.js';
import type { Instance } from '../../../../instance.js';
import { LIMITS, type FieldSchema } from '../../../../schema/types.js';
import { target } from '../../../context.js';
import { FieldPropertiesBody, parseBody } from '../../../requests.js';
import type { Empty } from '../../empty.js';

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
