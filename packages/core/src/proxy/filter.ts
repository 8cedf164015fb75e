import { compileFilter } from '../expr/index.js';
import type { Instance } from '../instance.js';
import type { RowFilter } from '../querynode/scan.js';
import type { CollectionMeta } from '../rootcoord/meta.js';
import { physicalMs } from '../rootcoord/tso.js';
import type { CollectionSchema } from '../schema/types.js';
import type { Chunk } from '../segment/column.js';
import { clearExpired, expiryCutoff } from '../segment/ttl.js';

/**
 * Compiles a request's filter; an empty or blank filter means "every row". With `expiry` (see
 * {@link expiryOf}) rows whose `$ts` is at or below it are left out as well: the collection TTL
 * is one more predicate of the filter, ANDed after the expression.
 */
export function makeFilter(schema: CollectionSchema, filter: string | undefined, params?: Record<string, unknown>, expiry?: bigint): RowFilter | undefined {
  const compiled = filter === undefined || filter.trim() === '' ? undefined : compileFilter(filter, schema, params);
  if (expiry === undefined) return compiled;
  // A pk lookup skips evaluate() in scanRows, so query/get check expiry per row too (run-query.ts).
  return {
    ...(compiled?.pkLookup !== undefined ? { pkLookup: compiled.pkLookup } : {}),
    evaluate(chunk: Chunk): Uint8Array {
      const mask = compiled ? compiled.evaluate(chunk) : new Uint8Array(chunk.rowCount).fill(1);
      return clearExpired(mask, chunk, expiry);
    },
  };
}

/**
 * The expiry cutoff of a collection with a TTL (`collection.ttl.seconds`) for a request now, or
 * undefined. "Now" is the later of the clock and the last timestamp the TSO gave, so a clock that
 * steps back does not bring expired rows back.
 */
export function expiryOf(inst: Instance, meta: CollectionMeta): bigint | undefined {
  return expiryCutoff(meta.properties, Math.max(inst.now(), physicalMs(inst.tso.current())));
}
