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
  const evaluate = compiled ? cached(compiled, `${filter}\u0000${stableKey(params)}\u0000${stableKey(schema.fields)}\u0000${schema.enableDynamicField === true}`) : undefined;
  const pk = compiled?.pkLookup !== undefined ? { pkLookup: compiled.pkLookup } : {};
  if (expiry === undefined) return evaluate ? { ...pk, evaluate } : undefined;
  // A pk lookup skips evaluate() in scanRows, so query/get check expiry per row too (run-query.ts).
  return {
    ...pk,
    evaluate(chunk: Chunk): Uint8Array {
      // The cached mask is shared: the expiry is cleared on a copy.
      const mask = evaluate ? evaluate(chunk).slice() : new Uint8Array(chunk.rowCount).fill(1);
      return clearExpired(mask, chunk, expiry);
    },
  };
}

/** Filter masks per chunk (chunks never change once made), by filter key, most recently used last. */
const masks = new WeakMap<Chunk, Map<string, Uint8Array>>();
/** Masks kept per chunk: a few filters an application repeats (a mask is one byte per row). */
const MASKS_PER_CHUNK = 4;

/**
 * `compiled.evaluate` with its masks kept per chunk under `key` (expression, params, schema), so a
 * filter repeated over unchanged segments is evaluated once. The masks returned are shared:
 * callers read them and never write.
 */
function cached(compiled: RowFilter, key: string): (chunk: Chunk) => Uint8Array {
  return (chunk) => {
    let byKey = masks.get(chunk);
    if (!byKey) masks.set(chunk, (byKey = new Map()));
    let mask = byKey.get(key);
    if (mask) {
      byKey.delete(key);
    } else {
      mask = compiled.evaluate(chunk);
      if (byKey.size >= MASKS_PER_CHUNK) byKey.delete(byKey.keys().next().value!);
    }
    byKey.set(key, mask);
    return mask;
  };
}

/** A JSON key for template params or fields (bigints as tagged strings, object keys sorted). */
function stableKey(v: unknown): string {
  return JSON.stringify(v ?? null, (_k, x: unknown) => {
    if (typeof x === 'bigint') return `${x}n`;
    if (x && typeof x === 'object' && !Array.isArray(x)) return Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return x;
  });
}

/**
 * The expiry cutoff of a collection with a TTL (`collection.ttl.seconds`) for a request now, or
 * undefined. "Now" is the later of the clock and the last timestamp the TSO gave, so a clock that
 * steps back does not bring expired rows back.
 */
export function expiryOf(inst: Instance, meta: CollectionMeta): bigint | undefined {
  return expiryCutoff(meta.properties, Math.max(inst.now(), physicalMs(inst.tso.current())));
}
