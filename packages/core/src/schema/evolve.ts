import type { Chunk, Column } from '../segment/column.js';
import { hasOwn } from '../util/own.js';
import { allocValues } from './rows.js';
import type { CollectionSchema, FieldSchema } from './types.js';

/** A column for rows stored before `field` was added: its default value, or null. */
export function backfillColumn(field: FieldSchema, rowCount: number): Column {
  const values = allocValues(field, rowCount);
  if (field.defaultValue === undefined) return { dataType: field.dataType, values, valid: new Uint8Array(rowCount) };
  const v = field.dataType === 'Bool' ? (field.defaultValue ? 1 : 0) : field.defaultValue;
  (values as unknown as { fill(x: unknown): void }).fill(v);
  return { dataType: field.dataType, values, valid: field.nullable ? new Uint8Array(rowCount).fill(1) : null };
}

/**
 * Gives a chunk written before fields were added to its collection the columns it lacks, so
 * filters, output and flushes see one shape (schema evolution, `collections/fields/add`).
 */
export function completeChunk(schema: CollectionSchema, chunk: Chunk): Chunk {
  for (const f of schema.fields) {
    if (hasOwn(chunk.columns, f.name)) continue; // not an inherited member: a field may be named valueOf
    (chunk.columns as Record<string, Column>)[f.name] = backfillColumn(f, chunk.rowCount);
  }
  return chunk;
}
