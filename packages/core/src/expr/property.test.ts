import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isQuiverError } from '../errors.js';
import type { CollectionSchema, FieldSchema } from '../schema/types.js';
import type { Chunk, Column } from '../segment/column.js';
import type { CompareOp, Expr, FieldExpr, LiteralExpr } from './ast.js';
import { compileFilter } from './filter.js';
import { parseExpression } from './parser.js';
import { printExpression } from './printer.js';
import { referenceFilter, rowsOfChunk } from './reference.js';

// Random well-typed expressions over random rows: the compiled evaluator must agree with the
// reference interpreter row for row. And random text must parse or fail with a located error.

const field = (name: string, dataType: FieldSchema['dataType'], extra: Partial<FieldSchema> = {}): FieldSchema => ({
  fieldId: 100, name, dataType, description: '', isPrimary: false, autoId: false, isPartitionKey: false, nullable: false, ...extra,
});

const SCHEMA: CollectionSchema = {
  description: '',
  enableDynamicField: true,
  fields: [
    field('id', 'Int64', { isPrimary: true }),
    field('i8', 'Int8'),
    field('i32', 'Int32', { nullable: true }),
    field('i64', 'Int64', { nullable: true }),
    field('f32', 'Float'),
    field('f64', 'Double', { nullable: true }),
    field('s', 'VarChar', { nullable: true }),
    field('b', 'Bool', { nullable: true }),
    field('j', 'JSON', { nullable: true }),
    field('ai', 'Array', { elementType: 'Int32', nullable: true }),
    field('as', 'Array', { elementType: 'VarChar' }),
  ],
};

const P53 = 2n ** 53n;
const MIN64 = -(2n ** 63n);
const MAX64 = 2n ** 63n - 1n;

// ---------- rows ----------
const smallInt = fc.integer({ min: -6, max: 6 });
const i64Value = fc.oneof(fc.bigInt({ min: -6n, max: 6n }), fc.constantFrom(P53 - 1n, P53, P53 + 1n, -P53 - 1n, MIN64, MAX64));
const double = fc.oneof(fc.constantFrom(-2.5, -1, -0.5, -0, 0, 0.1, 0.5, 1, 1.5, 2, 3, 7.75, 1e20, Infinity), fc.double({ min: -10, max: 10, noNaN: true }));
// Includes characters in U+E000–U+FFFF and above U+FFFF, where UTF-8 (Milvus's) and UTF-16 order differ.
const STRINGS = ['', 'a', 'ab', 'abc', 'b', 'B', 'a%', '%', '_', 'a_c', 'é', '😀', 'x y', '\uE000', '\uFFFD', 'a😀', 'a\uE000', '\u{10000}'];
const str = fc.constantFrom(...STRINGS);
const jsonScalar = fc.oneof(smallInt, double, str, fc.boolean(), fc.constant(null), fc.constant(P53 + 1n));
const jsonValue = fc.oneof(jsonScalar, fc.array(jsonScalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', '0'), jsonScalar, { maxKeys: 2 }));
const jsonDoc = fc.oneof(fc.dictionary(fc.constantFrom('a', 'b', 'c', '0'), jsonValue, { maxKeys: 3 }), fc.array(jsonScalar, { maxLength: 3 }), jsonScalar);
const nullable = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(a, { nil: null, freq: 4 });

const rowArb = fc.record({
  id: i64Value,
  i8: smallInt,
  i32: nullable(fc.oneof(smallInt, fc.constantFrom(2147483647, -2147483648))),
  i64: nullable(i64Value),
  f32: double,
  f64: nullable(double),
  s: nullable(str),
  b: nullable(fc.boolean()),
  j: nullable(jsonDoc),
  ai: nullable(fc.array(smallInt, { maxLength: 4 })),
  as: fc.array(str, { maxLength: 3 }),
  $meta: fc.oneof(fc.constant(null), fc.dictionary(fc.constantFrom('x', 'y', 'z'), jsonValue, { maxKeys: 3 })),
});
type RowIn = typeof rowArb extends fc.Arbitrary<infer R> ? R : never;

function toChunk(rows: RowIn[]): Chunk {
  const n = rows.length;
  const col = (name: keyof RowIn, dataType: Column['dataType'], make: (vals: unknown[]) => Column['values']): Column => {
    const raw = rows.map((r) => r[name]);
    const valid = raw.some((v) => v === null) ? new Uint8Array(raw.map((v) => (v === null ? 0 : 1))) : null;
    return { dataType, values: make(raw), valid };
  };
  const zeroed = <T>(vals: unknown[], zero: T): T[] => vals.map((v) => (v === null ? zero : (v as T)));
  return {
    rowCount: n,
    columns: {
      id: col('id', 'Int64', (v) => BigInt64Array.from(v as bigint[])),
      i8: col('i8', 'Int8', (v) => Int8Array.from(v as number[])),
      i32: col('i32', 'Int32', (v) => Int32Array.from(zeroed(v, 0))),
      i64: col('i64', 'Int64', (v) => BigInt64Array.from(zeroed(v, 0n))),
      f32: col('f32', 'Float', (v) => Float32Array.from(v as number[])),
      f64: col('f64', 'Double', (v) => Float64Array.from(zeroed(v, 0))),
      s: col('s', 'VarChar', (v) => zeroed(v, '')),
      b: col('b', 'Bool', (v) => Uint8Array.from(v.map((x) => (x === true ? 1 : 0)))),
      j: col('j', 'JSON', (v) => v),
      ai: col('ai', 'Array', (v) => v),
      as: col('as', 'Array', (v) => v),
      $meta: { dataType: 'JSON', values: rows.map((r) => r.$meta), valid: null },
    },
  };
}

// ---------- expressions ----------
const lit = (value: LiteralExpr['value']): Expr => ({ kind: 'literal', column: 1, value });
const fld = (name: string, ...path: (string | number)[]): FieldExpr => ({ kind: 'field', column: 1, name, path, pathColumns: path.map(() => 1) });

const numLit = fc.oneof(
  fc.bigInt({ min: -8n, max: 8n }),
  fc.constantFrom(P53, P53 + 1n, MIN64, MAX64, 2n ** 64n),
  fc.constantFrom(0.1, -0.5, 1.5, 2.5, 7.75, 1e20, -0),
  fc.double({ min: -10, max: 10, noNaN: true }),
).map(lit);
const jsonRef = fc.constantFrom(fld('j', 'a'), fld('j', 'b'), fld('j', 0), fld('j', 'a', 0), fld('j'), fld('x'), fld('y'), fld('$meta', 'z'), fld('j', 'c', 'a'));
const numField = fc.constantFrom(fld('id'), fld('i8'), fld('i32'), fld('i64'), fld('f32'), fld('f64'), fld('ai', 0), fld('ai', 1));
const lengthOf = fc.constantFrom(fld('ai'), fld('as'), fld('j', 'a'), fld('y')).map((a): Expr => ({ kind: 'call', column: 1, name: 'array_length', args: [a] }));
const strLit = fc.constantFrom(...STRINGS).map(lit);
const strRef = fc.constantFrom<Expr>(fld('s'), fld('as', 0), fld('j', 'b'), fld('x'));
const cmpOp = fc.constantFrom<CompareOp>('==', '!=', '<', '<=', '>', '>=');
const rangeOp = fc.constantFrom<'<' | '<='>('<', '<=');
const PATTERNS = ['a%', '%a', '%a%', 'a_c', '_', '%', '', '\\%', 'a\\_c', '%b%c%', 'é%', '_😀%', '%\\_%', 'ab'];

const num: fc.Memo<Expr> = fc.memo((d) =>
  d <= 1
    ? fc.oneof(numLit, numField, jsonRef, lengthOf)
    : fc.oneof(
        { weight: 3, arbitrary: fc.oneof(numLit, numField, jsonRef, lengthOf) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom('+', '-', '*', '/', '%', '**' as const), num(d - 1), num(d - 1)).map(([op, left, right]): Expr => ({ kind: 'arith', column: 1, op, left, right })) },
        { weight: 1, arbitrary: fc.oneof(numField, jsonRef).map((operand): Expr => ({ kind: 'neg', column: 1, operand })) },
      ),
);

const listOf = (items: fc.Arbitrary<Expr>): fc.Arbitrary<Expr> =>
  fc.array(items, { maxLength: 3 }).map((xs): Expr => ({ kind: 'list', column: 1, items: xs as LiteralExpr[] }));
const jsonItem: fc.Memo<Expr> = fc.memo((d) =>
  d <= 1 ? fc.oneof(numLit, strLit, fc.boolean().map(lit)) : fc.oneof({ weight: 3, arbitrary: jsonItem(1) }, { weight: 1, arbitrary: listOf(jsonItem(d - 1)) }),
);
// `x == [..]` / `x != [..]` with the list on either side: Array fields take lists of their element type.
const listCompare: fc.Arbitrary<Expr> = fc
  .tuple(
    fc.constantFrom<CompareOp>('==', '!='),
    fc.oneof(
      fc.tuple(fc.constant<Expr>(fld('ai')), listOf(fc.bigInt({ min: -6n, max: 6n }).map(lit))),
      fc.tuple(fc.constant<Expr>(fld('as')), listOf(strLit)),
      fc.tuple(jsonRef as fc.Arbitrary<Expr>, listOf(jsonItem(2))),
    ),
    fc.boolean(),
  )
  .map(([op, [operand, list], flip]): Expr => ({ kind: 'compare', column: 1, op, left: flip ? list : operand, right: flip ? operand : list }));
const existsPred: fc.Arbitrary<Expr> = fc
  .constantFrom(fld('j', 'a'), fld('j', 'b'), fld('j', 0), fld('j', 'a', 0), fld('x'), fld('y'), fld('$meta', 'z'), fld('j', 'c', 'a'))
  .map((operand): Expr => ({ kind: 'exists', column: 1, operand }));

const leafPred: fc.Arbitrary<Expr> = fc.oneof(
  listCompare,
  existsPred,
  fc.tuple(cmpOp, num(3), num(3)).map(([op, left, right]): Expr => ({ kind: 'compare', column: 1, op, left, right })),
  fc.tuple(cmpOp, fc.oneof(strLit, strRef), fc.oneof(strLit, strRef)).map(([op, left, right]): Expr => ({ kind: 'compare', column: 1, op, left, right })),
  fc.tuple(fc.constantFrom<CompareOp>('==', '!='), fc.oneof(fld('b') as Expr, jsonRef), fc.oneof(fc.boolean().map(lit), fc.constant<Expr>(fld('b')), jsonRef)).map(
    ([op, left, right]): Expr => ({ kind: 'compare', column: 1, op, left, right }),
  ),
  fc.tuple(num(1), rangeOp, num(2), rangeOp, num(1)).map(([lower, lowerOp, operand, upperOp, upper]): Expr => ({ kind: 'range', column: 1, lower, lowerOp, operand, upperOp, upper })),
  fc.tuple(fc.oneof(numField, jsonRef), fc.array(numLit, { maxLength: 4 }), fc.boolean()).map(
    ([operand, items, negated]): Expr => ({ kind: 'in', column: 1, operand, list: { kind: 'list', column: 1, items: items as LiteralExpr[] }, negated }),
  ),
  fc.tuple(fc.oneof(strRef, jsonRef), fc.array(fc.oneof(strLit, jsonRef.chain(() => fc.oneof(numLit, fc.boolean().map(lit)))), { maxLength: 4 }), fc.boolean()).map(
    ([operand, items, negated]): Expr => {
      // Mixed-type lists only when the operand is a JSON value.
      const typed = operand.kind === 'field' && (operand.name === 's' || operand.name === 'as');
      const list = (typed ? items.filter((x) => x.kind === 'literal' && typeof x.value === 'string') : items) as LiteralExpr[];
      return { kind: 'in', column: 1, operand, list: { kind: 'list', column: 1, items: list }, negated };
    },
  ),
  fc.tuple(fc.oneof(strRef, jsonRef), fc.constantFrom(...PATTERNS), fc.boolean()).map(([operand, pattern, negated]): Expr => ({ kind: 'like', column: 1, operand, pattern, patternColumn: 1, negated })),
  fc.tuple(fc.oneof(numField, strRef, jsonRef, fc.constantFrom(fld('b'), fld('ai'), fld('as'), fld('j'))), fc.boolean()).map(([operand, negated]): Expr => ({ kind: 'isnull', column: 1, operand, negated })),
  fc.tuple(fc.constantFrom('', '_all', '_any'), fc.constantFrom('json', 'array'), fc.oneof(fc.constant<Expr>(fld('ai')), fc.constant<Expr>(fld('as')), jsonRef)).chain(([suffix, family, arr]) => {
    const isAs = arr.kind === 'field' && arr.name === 'as';
    const isAi = arr.kind === 'field' && arr.name === 'ai';
    const item: fc.Arbitrary<Expr> = isAs ? strLit : isAi ? numLit : fc.oneof(numLit, strLit, fc.boolean().map(lit));
    const arg: fc.Arbitrary<Expr> =
      suffix === '' ? item : fc.array(item, { maxLength: 3 }).map((items): Expr => ({ kind: 'list', column: 1, items: items as LiteralExpr[] }));
    return arg.map((a): Expr => ({ kind: 'call', column: 1, name: `${family}_contains${suffix}` as 'json_contains', args: [arr, a] }));
  }),
  fc.oneof(fc.constant<Expr>(fld('b')), jsonRef, fc.boolean().map(lit)),
  // `x == a or x == b …` / `x != a and x != b …` on one operand (the compiler folds these).
  fc.tuple(fc.oneof(numField, jsonRef), fc.array(numLit, { minLength: 2, maxLength: 4 }), fc.boolean(), fc.boolean()).map(
    ([operand, values, isOr, flipSides]): Expr => ({
      kind: isOr ? 'or' : 'and',
      column: 1,
      items: values.map((v, i): Expr => {
        const op = isOr ? '==' : '!=';
        return flipSides && i % 2 === 1 ? { kind: 'compare', column: 1, op, left: v, right: operand } : { kind: 'compare', column: 1, op, left: operand, right: v };
      }),
    }),
  ),
);

const pred: fc.Memo<Expr> = fc.memo((d) =>
  d <= 1
    ? leafPred
    : fc.oneof(
        { weight: 3, arbitrary: leafPred },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('and', 'or' as const), fc.array(pred(d - 1), { minLength: 2, maxLength: 3 })).map(([kind, items]): Expr => ({ kind, column: 1, items })) },
        { weight: 1, arbitrary: pred(d - 1).map((operand): Expr => ({ kind: 'not', column: 1, operand })) },
      ),
);

describe('compiled evaluator vs reference interpreter', () => {
  it('agree on 10,000 random (expression, rows) pairs', () => {
    let runs = 0;
    let someMatch = 0;
    let someMiss = 0;
    fc.assert(
      fc.property(pred(4), fc.array(rowArb, { minLength: 1, maxLength: 8 }), (ast, rowsIn) => {
        const text = printExpression(ast);
        const chunk = toChunk(rowsIn);
        const compiled = compileFilter(text, SCHEMA).evaluate(chunk);
        const ref = referenceFilter(text, SCHEMA);
        const expected = rowsOfChunk(chunk).map((r) => (ref(r) ? 1 : 0));
        expect([...compiled], text).toEqual(expected);
        runs++;
        if (expected.includes(1)) someMatch++;
        if (expected.includes(0)) someMiss++;
      }),
      { numRuns: 10_000 },
    );
    // The comparison is only meaningful if the generated filters both select and reject rows.
    expect(runs).toBe(10_000);
    expect(someMatch / runs).toBeGreaterThan(0.2);
    expect(someMiss / runs).toBeGreaterThan(0.2);
  });
});

describe('parser robustness', () => {
  const TOKENS = ['a', 'age', 'meta', '$meta', 'tags', '(', ')', '[', ']', '"', "'", '\\', '1', '0x', '.', 'e', '-', '+', '*', '**', '%', '/', '==', '!=', '<', '>=',
    '=', '!', '&&', '||', '&', 'and', 'OR', 'not', 'in', 'LIKE', 'is', 'null', 'true', '{', '}', '{p}', ',', ' ', 'é', '😀', 'json_contains', 'array_length', '5.5', '1e9', '9007199254740993', '_',
    'exists', '=~', '!~', '=', 'text_match', 'minimum_should_match', '[]'];
  const schema: CollectionSchema = { ...SCHEMA, fields: [...SCHEMA.fields, field('age', 'Int32'), field('meta', 'JSON'), field('tags', 'Array', { elementType: 'Int64' })] };

  const checkText = (text: string): void => {
    for (const run of [() => parseExpression(text, { p: [1, 'x'] }), () => compileFilter(text, schema, { p: 2 })]) {
      try {
        run();
      } catch (e) {
        if (!isQuiverError(e)) throw e;
        const m = / at column (\d+)$/.exec(e.message);
        expect(m, e.message).not.toBeNull();
        const column = Number(m![1]);
        expect(column).toBeGreaterThanOrEqual(1);
        expect(column).toBeLessThanOrEqual(text.length + 1);
      }
    }
  };

  it('returns a tree or a located QuiverError for token soup', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((t) => t.join('')), checkText), { numRuns: 5000 });
  });

  it('returns a tree or a located QuiverError for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), checkText), { numRuns: 5000 });
  });
});
