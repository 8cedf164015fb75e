import { describe, expect, it } from 'vitest';
import { ErrorCode, isQuiverError } from '../errors.js';
import type { CollectionSchema, FieldSchema } from '../schema/types.js';
import { compileFilter } from './filter.js';

const field = (name: string, dataType: FieldSchema['dataType'], extra: Partial<FieldSchema> = {}): FieldSchema => ({
  fieldId: 100,
  name,
  dataType,
  description: '',
  isPrimary: false,
  autoId: false,
  isPartitionKey: false,
  nullable: false,
  ...extra,
});

const SCHEMA: CollectionSchema = {
  description: '',
  enableDynamicField: false,
  fields: [
    field('id', 'Int64', { isPrimary: true }),
    field('age', 'Int32'),
    field('name', 'VarChar'),
    field('active', 'Bool'),
    field('meta', 'JSON'),
    field('tags', 'Array', { elementType: 'VarChar', maxCapacity: 4 }),
    field('vec', 'FloatVector', { dim: 2 }),
  ],
};

/** Asserts that compiling `expr` fails with InvalidExpression at `column`, mentioning `fragment`. */
function expectError(expr: string, column: number, fragment: string, params?: Record<string, unknown>): void {
  let caught: unknown;
  try {
    compileFilter(expr, SCHEMA, params);
  } catch (e) {
    caught = e;
  }
  expect(isQuiverError(caught)).toBe(true);
  const err = caught as { code: number; message: string };
  expect(err.code).toBe(ErrorCode.InvalidExpression);
  expect(err.message).toContain(fragment);
  expect(err.message).toMatch(new RegExp(` at column ${column}$`));
}

describe('filter errors name the problem and its column', () => {
  it('unknown field', () => {
    expectError('foo > 1', 1, 'unknown field "foo"');
    expectError('age > 1 and bar == 2', 13, 'unknown field "bar"');
    expectError('x == 1', 1, 'unknown field "x"');
  });

  it('type mismatch', () => {
    expectError('age like "a%"', 5, 'like needs a VarChar or JSON operand, not Int32 field "age"');
    expectError('name == 5', 6, 'cannot compare VarChar field "name" with an integer literal');
    expectError('active > true', 8, 'booleans only compare with == and !=');
    expectError('meta["a"] < true', 11, 'booleans only compare with == and !=');
    expectError('tags == "a"', 6, 'an Array field cannot be compared with a scalar; compare it with a list (tags == ["a"])');
    expectError('name + 1 > 2', 6, 'arithmetic "+" needs numbers');
    expectError('array_contains(tags, 1)', 22, 'cannot compare VarChar element of "tags" with an integer literal');
    expectError('array_contains_all(tags, "a")', 26, 'must be a list');
    expectError('array_length(age) > 1', 14, 'array_length needs an Array field or a JSON value');
    expectError('vec > 1', 1, 'vector field "vec" cannot be used in a filter');
    expectError('age', 1, 'expected a condition');
    expectError('age + 1', 5, 'expected a condition');
    expectError('age[0] > 1', 4, 'field "age" of type Int32 cannot be indexed');
    expectError('tags["a"] == "x"', 5, 'takes an integer index');
    expectError('tags[0][1] == "x"', 8, 'are scalars and cannot be indexed');
  });

  it('bad syntax', () => {
    expectError('age >', 6, 'unexpected end of input');
    expectError('age > 1 and', 12, 'unexpected end of input');
    expectError('age > > 1', 7, 'expected a value but found ">"');
    expectError('age = 1', 5, '"=" is not an operator');
    expectError('age > 1 & active', 9, '"&" is not an operator (use &&)');
    expectError('(age > 1', 9, 'expected ")"');
    expectError('age > 1 2', 9, 'unexpected "2" after a complete expression');
    expectError('1 < age > 5', 9, 'cannot chain');
    expectError('age == null', 8, 'null can only be used in IS NULL');
    expectError('age > 1 # x', 9, 'unexpected character "#"');
    expectError('age in 5', 8, 'expected a list [...] after in but found "5"');
    expectError('name like 5', 11, 'like needs a string pattern');
    expectError('12abc > 1', 1, 'malformed number "12abc"');
    expectError('age > 0x', 7, 'malformed number "0x"');
  });

  it('not binds tighter than comparisons, in and like, as in Milvus: the unparenthesized forms are refused', () => {
    expectError('not age > 20', 1, 'not binds tighter than ">" (as in Milvus), so this would negate "age" alone; write not (age > 20) to negate the condition');
    expectError('NOT age == 1 and active', 1, 'write NOT (age == 1) to negate');
    expectError('!age == 1', 1, 'write !(age == 1) to negate');
    expectError('active and not name like "a%"', 12, 'write not (name like "a%") to negate');
    expectError('not age in [1, 2]', 1, 'not binds tighter than "in"');
    expectError('not age not in [1]', 1, 'write not (age not in [1])');
    expectError('not 1 == 2', 1, 'write not (1 == 2)');
    expectError('not active == true', 1, 'write not (active == true)');
    expectError('not age + 1 > 2', 1, 'write not (age + 1 > 2)');
    expectError('not not age > 1', 5, 'write not (age > 1)');
    expectError('not (age) is null', 1, 'not binds tighter than "is"');
  });

  it('exists takes a JSON key', () => {
    expectError('exists age', 8, 'exists needs a JSON key (meta["key"] or a dynamic field key), not Int32 field "age"');
    expectError('exists tags[0]', 8, 'not VarChar element of "tags"');
    expectError('exists meta', 8, 'exists needs a key of "meta": write exists meta["key"]');
    expectError('exists (1)', 9, 'exists needs a JSON key');
    expectError('exists meta["a"] == 1', 1, 'exists is a condition on its own and cannot be followed by "=="');
    expectError('exists nope', 8, 'unknown field "nope"');
  });

  it('arrays compare with lists by == and != only', () => {
    expectError('tags > ["a"]', 6, 'arrays only compare with == and !=, not ">"');
    expectError('tags == [1]', 10, 'cannot compare VarChar element of "tags" with an integer literal');
    expectError('tags == [["a"]]', 10, 'elements of "tags" are scalars; a list cannot be one of them');
    expectError('age == [1]', 5, 'a list compares only with an Array field or a JSON value, not Int32 field "age"');
    expectError('[1] == [1]', 5, 'two lists cannot be compared');
    expectError('tags[0] == ["a"]', 9, 'a list compares only with an Array field or a JSON value, not VarChar element of "tags"');
  });

  it('refuses regular-expression match (Milvus 3.0) and the analyzer functions by name', () => {
    expectError('name =~ "^a.*"', 6, '"=~" (regular-expression match) is not supported: Milvus added =~ and !~ in 3.0');
    expectError('age > 1 and name !~ "x"', 18, '"!~" (regular-expression match) is not supported');
    expectError('text_match(name, "vector database")', 1, 'text_match is not supported: Milvus runs it on a VarChar field created with enable_analyzer and enable_match');
    expectError("active or TEXT_MATCH(name, 'a b', minimum_should_match=2)", 11, 'text_match is not supported');
    expectError('phrase_match(name, "a b", 2)', 1, 'phrase_match is not supported');
    expectError('age = 1', 5, '"=" is not an operator');
  });

  it('empty filter', () => {
    expectError('', 1, 'empty filter expression');
    expectError('   \n ', 1, 'empty filter expression');
  });

  it('unclosed string and bad escapes', () => {
    expectError('name == "abc', 9, 'unclosed string');
    expectError("name == 'it\\'s", 9, 'unclosed string');
    expectError('name == "a\\qb"', 11, 'unknown escape "\\\\q"');
  });

  it('wrong arity and unknown functions', () => {
    expectError('array_length(tags, 1) > 0', 1, 'array_length takes 1 argument but was given 2');
    expectError('json_contains(meta)', 1, 'json_contains takes 2 arguments but was given 1');
    expectError('age > 1 or frob(age)', 12, 'unknown function "frob"');
  });

  it('missing or unusable template params', () => {
    expectError('id in {ids}', 7, 'missing template param {ids}');
    expectError('id in {ids}', 7, 'missing template param {ids}', { other: [1] });
    expectError('age == {p}', 8, 'unsupported kind (object)', { p: { a: 1 } });
    expectError('id in {p}', 7, 'in needs a list', { p: 3 });
  });

  it('caps nesting depth instead of overflowing the stack', () => {
    expectError(`${'('.repeat(201)}age > 1${')'.repeat(201)}`, 201, 'nested too deeply');
    expectError(`${'not '.repeat(250)}active`, 801, 'nested too deeply');
    expectError(`age${' + 1'.repeat(250)} > 0`, 205, 'nested too deeply');
    expectError(`${'('.repeat(100_000)}`, 201, 'nested too deeply');
  });

  it('accepts long flat chains (OR of thousands of terms)', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => i + 1);
    const f = compileFilter(ids.map((i) => `id == ${i}`).join(' or '), SCHEMA);
    expect(f.pkLookup?.length).toBe(5000);
    expect(f.pkLookup?.[4999]).toBe(5000n);
  });
});
