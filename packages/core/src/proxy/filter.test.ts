import { describe, expect, it } from 'vitest';
import type { CollectionSchema } from '../schema/types.js';
import type { Chunk } from '../segment/column.js';
import { makeFilter } from './filter.js';

// Filter masks are cached per chunk and filter key: the same filter over the same chunk is
// evaluated once, while different params, a different schema or a TTL cutoff never share a wrong
// mask, and the TTL path does not write into the shared one.
const schema: CollectionSchema = {
  fields: [
    { name: 'id', dataType: 'Int64', isPrimary: true },
    { name: 'n', dataType: 'Int32' },
  ],
} as unknown as CollectionSchema;

function chunk(): Chunk {
  return {
    rowCount: 6,
    columns: {
      id: { dataType: 'Int64', values: BigInt64Array.from([1n, 2n, 3n, 4n, 5n, 6n]), valid: null },
      n: { dataType: 'Int32', values: Int32Array.from([5, 10, 15, 20, 25, 30]), valid: null },
      // Hybrid timestamps: physical ms << 18. Rows 0-2 written at 1000 ms, rows 3-5 at 5000 ms.
      $ts: { dataType: 'Int64', values: BigInt64Array.from([1000n << 18n, 1000n << 18n, 1000n << 18n, 5000n << 18n, 5000n << 18n, 5000n << 18n]), valid: null },
    },
  } as unknown as Chunk;
}

describe('filter mask cache', () => {
  it('evaluates a repeated filter once per chunk and keys by params', () => {
    const c = chunk();
    const a = makeFilter(schema, 'n > 12')!.evaluate(c);
    const b = makeFilter(schema, 'n > 12')!.evaluate(c);
    expect(Array.from(a)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(b).toBe(a); // the same mask object: not evaluated again
    const p1 = makeFilter(schema, 'n > {x}', { x: 22 })!.evaluate(c);
    const p2 = makeFilter(schema, 'n > {x}', { x: 7 })!.evaluate(c);
    expect(Array.from(p1)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(Array.from(p2)).toEqual([0, 1, 1, 1, 1, 1]);
    // Another chunk with other values gets its own mask.
    const other = chunk();
    (other.columns.n!.values as Int32Array).set([30, 25, 20, 15, 10, 5]);
    expect(Array.from(makeFilter(schema, 'n > 12')!.evaluate(other))).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('a TTL cutoff clears expired rows on a copy, leaving the cached mask whole', () => {
    const c = chunk();
    const shared = makeFilter(schema, 'n > 7')!.evaluate(c);
    expect(Array.from(shared)).toEqual([0, 1, 1, 1, 1, 1]);
    const withTtl = makeFilter(schema, 'n > 7', undefined, 2000n << 18n)!.evaluate(c);
    expect(Array.from(withTtl)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(Array.from(makeFilter(schema, 'n > 7')!.evaluate(c))).toEqual([0, 1, 1, 1, 1, 1]);
  });

  it('keeps at most four masks per chunk, dropping the least recently used', () => {
    const c = chunk();
    const first = makeFilter(schema, 'n > 1')!.evaluate(c);
    for (const x of [2, 3, 4]) makeFilter(schema, `n > ${x}`)!.evaluate(c);
    expect(makeFilter(schema, 'n > 1')!.evaluate(c)).toBe(first); // touched: now the newest
    makeFilter(schema, 'n > 5')!.evaluate(c); // evicts n > 2, the oldest
    expect(makeFilter(schema, 'n > 1')!.evaluate(c)).toBe(first);
    expect(Array.from(makeFilter(schema, 'n > 2')!.evaluate(c))).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
