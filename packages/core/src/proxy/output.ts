import { ErrorCode, QuiverError } from '../errors.js';
import { fromInt64, type Int64Output } from '../schema/int64.js';
import { DYNAMIC_FIELD, type CollectionSchema, type FieldSchema } from '../schema/types.js';
import type { Chunk } from '../segment/column.js';
import { hasOwn, setOwn } from '../util/own.js';

/** Which fields a query/search returns. */
export interface OutputSpec {
  readonly fields: readonly FieldSchema[];
  /** Dynamic keys named explicitly. */
  readonly dynamicKeys: readonly string[];
  /** `*` or `$meta`: every dynamic key. */
  readonly allDynamic: boolean;
  /** `count(*)` was asked for. */
  readonly count: boolean;
}

/**
 * Resolves `outputFields` (default `defaults`): schema fields, `*`, `$meta`, dynamic keys and
 * `count(*)`. The primary field is always returned. Unknown names are FieldNotFound.
 */
export function resolveOutput(schema: CollectionSchema, names: readonly string[] | undefined, defaults: readonly string[]): OutputSpec {
  const list = names && names.length > 0 ? names : defaults;
  const byName = new Map(schema.fields.map((f) => [f.name, f]));
  const chosen = new Set<FieldSchema>(schema.fields.filter((f) => f.isPrimary));
  const dynamicKeys: string[] = [];
  let allDynamic = false;
  let count = false;
  for (const raw of list) {
    const n = raw.trim();
    if (n.toLowerCase() === 'count(*)') count = true;
    else if (n === '*') {
      schema.fields.forEach((f) => chosen.add(f));
      allDynamic = schema.enableDynamicField;
    } else if (byName.has(n)) chosen.add(byName.get(n)!);
    else if (n === DYNAMIC_FIELD && schema.enableDynamicField) allDynamic = true;
    else if (schema.enableDynamicField) dynamicKeys.push(n);
    else throw new QuiverError(ErrorCode.FieldNotFound, `outputFields: field "${n}" does not exist in the collection`);
  }
  if (count && list.length > 1) throw new QuiverError(ErrorCode.InvalidParameter, 'outputFields: count(*) cannot be combined with other output fields');
  return { fields: schema.fields.filter((f) => chosen.has(f)), dynamicKeys, allDynamic, count };
}

/** Converts one stored value to its API form. */
export function outputValue(f: FieldSchema, chunk: Chunk, row: number, int64: Int64Output): unknown {
  const col = hasOwn(chunk.columns, f.name) ? chunk.columns[f.name] : undefined;
  if (!col) return null;
  if (col.valid && !col.valid[row]) return null;
  switch (f.dataType) {
    case 'FloatVector': {
      const d = f.dim!;
      if (col.values.length < (row + 1) * d) throw new QuiverError(ErrorCode.Unexpected, `the vectors of "${f.name}" are not in memory for this row (read them back with withVectors)`);
      return Array.from((col.values as Float32Array).subarray(row * d, (row + 1) * d));
    }
    case 'Bool': return (col.values as Uint8Array)[row] === 1;
    case 'Int64': return fromInt64((col.values as BigInt64Array)[row]!, int64);
    case 'Array': {
      const a = (col.values as unknown[])[row] as unknown[] | null;
      return a && f.elementType === 'Int64' ? a.map((x) => fromInt64(x as bigint, int64)) : a;
    }
    default: return (col.values as unknown[])[row] ?? null;
  }
}

/** True when the output holds a vector field (whose columns may have to be read back, see withVectors). */
export function outputsVectors(spec: OutputSpec): boolean {
  return spec.fields.some((f) => f.dataType === 'FloatVector');
}

/** Builds the API row for `chunk[row]`: chosen fields, then dynamic keys at top level. */
export function outputRow(spec: OutputSpec, chunk: Chunk, row: number, int64: Int64Output): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of spec.fields) out[f.name] = outputValue(f, chunk, row, int64);
  if (spec.allDynamic || spec.dynamicKeys.length > 0) {
    const meta = (chunk.columns[DYNAMIC_FIELD]?.values as unknown[] | undefined)?.[row] as Record<string, unknown> | null | undefined;
    if (meta) {
      // Own keys only, set as own keys: dynamic keys may be named toString or __proto__.
      if (spec.allDynamic) for (const [k, v] of Object.entries(meta)) if (!hasOwn(out, k)) setOwn(out, k, v);
      for (const k of spec.dynamicKeys) if (hasOwn(meta, k)) setOwn(out, k, meta[k]);
    }
  }
  return out;
}
