import { compileFilter } from '../expr/index.js';
import type { RowFilter } from '../querynode/scan.js';
import type { CollectionSchema } from '../schema/types.js';

/** Compiles a request's filter; an empty or blank filter means "every row". */
export function makeFilter(schema: CollectionSchema, filter: string | undefined, params?: Record<string, unknown>): RowFilter | undefined {
  if (filter === undefined || filter.trim() === '') return undefined;
  return compileFilter(filter, schema, params);
}
