import { describe, expect, it } from 'vitest';
import { ErrorCode, QuiverError } from '../errors.js';
import type { CollectionSchema, FieldSchema } from '../schema/types.js';
import type { Chunk } from '../segment/column.js';
import { compileFilter } from './filter.js';

const field = (name: string, dataType: FieldSchema['dataType'], extra: Partial<FieldSchema> = {}): FieldSchema => ({
  fieldId: 100, name, dataType, description: '', isPrimary: false, autoId: false, isPartitionKey: false, nullable: false, ...extra,
});
const schema = (pk: 'Int64' | 'VarChar'): CollectionSchema => ({
  description: '',
  enableDynamicField: true,
  fields: [field('pk', pk, { isPrimary: true }), field('age', 'Int32'), field('meta', 'JSON'), field('v', 'FloatVector', { dim: 2 })],
});

describe('compileFilter', () => {
  it('finds pk point lookups in == / in / OR-ed forms only', () => {
    const s = schema('Int64');
    expect(compileFilter('pk in [3, 1, 3]', s).pkLookup).toEqual([3n, 1n]);
    expect(compileFilter('pk == 9007199254740993', s).pkLookup).toEqual([9007199254740993n]);
    expect(compileFilter('7 == pk or pk in [1, 2] or pk == 1.5', s).pkLookup).toEqual([7n, 1n, 2n]);
    expect(compileFilter('pk in []', s).pkLookup).toEqual([]);
    expect(compileFilter('pk in {ids}', s, { ids: [5, 6] }).pkLookup).toEqual([5n, 6n]);
    expect(compileFilter('pk == 1 and age > 3', s).pkLookup).toBeUndefined();
    expect(compileFilter('pk == 1 or age > 3', s).pkLookup).toBeUndefined();
    expect(compileFilter('pk > 1', s).pkLookup).toBeUndefined();
    expect(compileFilter('not (pk in [1])', s).pkLookup).toBeUndefined();
    expect(compileFilter('pk not in [1]', s).pkLookup).toBeUndefined();
    expect(compileFilter('pk in ["a", "b"] or pk == "c"', schema('VarChar')).pkLookup).toEqual(['a', 'b', 'c']);
  });

  it('lists the fields it reads, $meta for dynamic keys', () => {
    const s = schema('Int64');
    expect(compileFilter('age > 1', s).fields).toEqual(['age']);
    expect(compileFilter('color == "red" and meta["a"] == 1 and age < 3 and age > 1', s).fields).toEqual(['$meta', 'meta', 'age']);
    expect(compileFilter('true', s).fields).toEqual([]);
  });

  it('keeps the source and evaluates many chunks, honouring rowCount', () => {
    const f = compileFilter('age >= 2 and color == "red"', schema('Int64'));
    expect(f.source).toBe('age >= 2 and color == "red"');
    const chunk = (ages: number[], colors: (string | undefined)[], rowCount: number): Chunk => ({
      rowCount,
      columns: {
        age: { dataType: 'Int32', values: Int32Array.from(ages), valid: null },
        $meta: { dataType: 'JSON', values: colors.map((c) => (c === undefined ? {} : { color: c })), valid: null },
      },
    });
    expect([...f.evaluate(chunk([1, 2, 3], ['red', 'red', 'blue'], 3))]).toEqual([0, 1, 0]);
    // Only the first rowCount rows count, even when the arrays are longer (growing segments).
    expect([...f.evaluate(chunk([5, 5, 5, 5], ['red', undefined, 'red', 'red'], 3))]).toEqual([1, 0, 1]);
    expect([...f.evaluate(chunk([], [], 0))]).toEqual([]);
  });

  it('names a column the chunk lacks', () => {
    const f = compileFilter('age > 1', schema('Int64'));
    let caught: unknown;
    try {
      f.evaluate({ rowCount: 1, columns: {} });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(QuiverError);
    expect((caught as QuiverError).code).toBe(ErrorCode.FieldNotFound);
    expect((caught as QuiverError).message).toContain('"age"');
  });
});
