import { describe, expect, it } from 'vitest';
import { count, expectError, STORAGES, useTemp, type Client, type Row } from './helpers.js';

// Every scalar type, JSON, Array, nullable and default values, dynamic keys and Int64 beyond 2^53,
// checked as written (growing segment), after a flush (sealed segment file) and, on file storage,
// after closing and reopening.

const SCHEMA = {
  enableDynamicField: true,
  fields: [
    { fieldName: 'id', dataType: 'Int64', isPrimary: true },
    { fieldName: 'b', dataType: 'Bool' },
    { fieldName: 'i8', dataType: 'Int8' },
    { fieldName: 'i16', dataType: 'Int16' },
    { fieldName: 'i32', dataType: 'Int32' },
    { fieldName: 'i64', dataType: 'Int64' },
    { fieldName: 'f', dataType: 'Float' },
    { fieldName: 'd', dataType: 'Double' },
    { fieldName: 's', dataType: 'VarChar', elementTypeParams: { max_length: 10 } },
    { fieldName: 'j', dataType: 'JSON' },
    { fieldName: 'ai', dataType: 'Array', elementDataType: 'Int64', elementTypeParams: { max_capacity: 3 } },
    { fieldName: 'as', dataType: 'Array', elementDataType: 'VarChar', elementTypeParams: { max_capacity: 2, max_length: 4 } },
    { fieldName: 'ab', dataType: 'Array', elementDataType: 'Bool', elementTypeParams: { max_capacity: 2 } },
    { fieldName: 'ad', dataType: 'Array', elementDataType: 'Double', elementTypeParams: { max_capacity: 2 } },
    { fieldName: 'n32', dataType: 'Int32', nullable: true },
    { fieldName: 'ns', dataType: 'VarChar', nullable: true, elementTypeParams: { max_length: 8 } },
    { fieldName: 'nj', dataType: 'JSON', nullable: true },
    { fieldName: 'def', dataType: 'Int16', defaultValue: 7 },
    { fieldName: 'defs', dataType: 'VarChar', defaultValue: 'dflt', elementTypeParams: { max_length: 8 } },
    { fieldName: 'nd', dataType: 'Double', nullable: true, defaultValue: 2.5 },
    { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 3 } },
  ],
};

const BIG = '9223372036854775807'; // Int64 max
const SMALL = '-9223372036854775808'; // Int64 min

/** The rows written, and (by hand) what each reads back as with `int64: 'auto'`. */
const CASES: Array<{ input: Row; output: Row }> = [
  {
    input: { id: 1, b: true, i8: -128, i16: -32768, i32: -2147483648, i64: SMALL, f: 0.5, d: 1.1, s: 'héllo', j: { a: 1, b: [true, null], c: { d: 'x' } }, ai: ['9007199254740993', 1, 2n], as: ['ab', 'ü'], ab: [true, false], ad: [0.1, -2], n32: 5, ns: 'x', nj: [1, 2], def: 1, defs: 'given', nd: 3.25, v: [0.5, -1, 2], color: 'red', size: 3 },
    output: { id: 1, b: true, i8: -128, i16: -32768, i32: -2147483648, i64: SMALL, f: 0.5, d: 1.1, s: 'héllo', j: { a: 1, b: [true, null], c: { d: 'x' } }, ai: ['9007199254740993', 1, 2], as: ['ab', 'ü'], ab: [true, false], ad: [0.1, -2], n32: 5, ns: 'x', nj: [1, 2], def: 1, defs: 'given', nd: 3.25, v: [0.5, -1, 2], color: 'red', size: 3 },
  },
  {
    // Extremes; Float is stored as float32; JSON given as JSON text; 9 UTF-8 bytes of VarChar.
    input: { id: 2, b: false, i8: 127, i16: 32767, i32: 2147483647, i64: BIG, f: 1.1, d: -1e300, s: '日本語', j: '{"k": [1, 2, {"z": null}]}', ai: [], as: ['😀'], ab: [], ad: [], v: [0, 0, 0] },
    output: { id: 2, b: false, i8: 127, i16: 32767, i32: 2147483647, i64: BIG, f: Math.fround(1.1), d: -1e300, s: '日本語', j: { k: [1, 2, { z: null }] }, ai: [], as: ['😀'], ab: [], ad: [], n32: null, ns: null, nj: null, def: 7, defs: 'dflt', nd: 2.5, v: [0, 0, 0] },
  },
  {
    // Explicit nulls: nullable fields read null; fields with a default read the default.
    input: { id: 3, b: true, i8: 0, i16: 0, i32: 0, i64: 12n, f: -0.25, d: 0, s: '', j: 'null', ai: [-5], as: ['abcd'], ab: [false], ad: [1e-300], n32: null, ns: null, nj: null, def: null, defs: null, nd: null, v: [1.5, 2.5, 3.5], nested: { x: [1, { y: 'z' }] } },
    output: { id: 3, b: true, i8: 0, i16: 0, i32: 0, i64: 12, f: -0.25, d: 0, s: '', j: null, ai: [-5], as: ['abcd'], ab: [false], ad: [1e-300], n32: null, ns: null, nj: null, def: 7, defs: 'dflt', nd: 2.5, v: [1.5, 2.5, 3.5], nested: { x: [1, { y: 'z' }] } },
  },
];

async function readAll(c: Client): Promise<Row[]> {
  const r = await c.query({ collectionName: 'all', filter: 'id > 0', outputFields: ['*'] });
  return (r.data as Row[]).sort((a, b) => (a.id as number) - (b.id as number));
}

describe.each(STORAGES)('data types on %s storage', (kind) => {
  const tmp = useTemp();

  it('every scalar type, JSON, Array, nullable, default and dynamic values round-trip (growing, flushed, reopened)', async () => {
    const { c, dir } = await tmp.openKind(kind);
    await c.createCollection({ collectionName: 'all', schema: SCHEMA, indexParams: [{ fieldName: 'v' }] });
    const res = await c.insert({ collectionName: 'all', data: CASES.map((x) => x.input) });
    expect(res.data).toEqual({ insertCount: 3, insertIds: [1, 2, 3] });
    const expected = CASES.map((x) => x.output);
    expect(await readAll(c)).toEqual(expected);
    await c.flush({ collectionName: 'all' });
    expect(await readAll(c)).toEqual(expected);
    if (dir !== undefined) {
      await c.close();
      const c2 = await tmp.open(dir);
      expect(await readAll(c2)).toEqual(expected);
    }
  });

  it('outputFields: named fields, dynamic keys by name, $meta, * and count(*)', async () => {
    const { c } = await tmp.openKind(kind);
    await c.createCollection({ collectionName: 'all', schema: SCHEMA, indexParams: [{ fieldName: 'v' }] });
    await c.insert({ collectionName: 'all', data: CASES.map((x) => x.input) });
    const q = (outputFields: string[]) => c.query({ collectionName: 'all', filter: 'id in [1, 3]', outputFields }).then((r) => (r.data as Row[]).sort((a, b) => (a.id as number) - (b.id as number)));
    expect(await q(['i8', 's'])).toEqual([{ id: 1, i8: -128, s: 'héllo' }, { id: 3, i8: 0, s: '' }]);
    expect(await q(['color'])).toEqual([{ id: 1, color: 'red' }, { id: 3 }]);
    expect(await q(['$meta'])).toEqual([{ id: 1, color: 'red', size: 3 }, { id: 3, nested: { x: [1, { y: 'z' }] } }]);
    expect(await count(c, 'all', 'color == "red"')).toBe(1);
    expect(await count(c, 'all', 'size >= 3')).toBe(1);
    expect(await count(c, 'all')).toBe(3);
    expect(await count(c, 'all', 'n32 is null')).toBe(2);
    expect(await count(c, 'all', 'def == 7')).toBe(2);
    expect(await count(c, 'all', `i64 == ${BIG}`)).toBe(1);
  });

  it('Int64 beyond 2^53 round-trips exactly; int64 "auto" gives strings only for unsafe values', async () => {
    const { c } = await tmp.openKind(kind);
    await c.createCollection({ collectionName: 'big', dimension: 2 });
    const unsafe = '9007199254740993'; // 2^53 + 1: not representable as a double
    const huge = 2n ** 62n + 7n;
    const res = await c.insert({ collectionName: 'big', data: [{ id: unsafe, vector: [1, 0] }, { id: huge, vector: [0, 1] }, { id: 42, vector: [1, 1] }, { id: '-9007199254740993', vector: [0, 0] }] });
    expect(res.data.insertIds).toEqual([unsafe, huge.toString(), 42, '-9007199254740993']);
    const got = await c.get({ collectionName: 'big', id: [huge, unsafe, 42, '-9007199254740993'], outputFields: ['id'] });
    expect(got.data).toEqual([{ id: huge.toString() }, { id: unsafe }, { id: 42 }, { id: '-9007199254740993' }]);
    // A neighbour of the unsafe key is another key, not the same one rounded.
    expect((await c.get({ collectionName: 'big', id: '9007199254740992' })).data).toEqual([]);
    expect((await c.query({ collectionName: 'big', filter: `id == ${unsafe}`, outputFields: ['id'] })).data).toEqual([{ id: unsafe }]);
    expect(await count(c, 'big', `id > 9007199254740992`)).toBe(2);
    await c.delete({ collectionName: 'big', filter: `id in [${unsafe}]` });
    expect(await count(c, 'big')).toBe(3);
    expect((await c.get({ collectionName: 'big', id: unsafe })).data).toEqual([]);
  });

  it('int64 "string" and "bigint" output modes', async () => {
    const tmpKind = await tmp.openKind(kind, { int64: 'string' });
    const c = tmpKind.c;
    await c.createCollection({ collectionName: 'big', dimension: 2 });
    const r = await c.insert({ collectionName: 'big', data: [{ id: 5, vector: [1, 0] }, { id: '9007199254740993', vector: [0, 1] }] });
    expect(r.data.insertIds).toEqual(['5', '9007199254740993']);
    expect((await c.get({ collectionName: 'big', id: [5], outputFields: ['id'] })).data).toEqual([{ id: '5' }]);

    const c2 = await tmp.open(undefined, { int64: 'bigint' });
    await c2.createCollection({ collectionName: 'big', dimension: 2 });
    const r2 = await c2.insert({ collectionName: 'big', data: [{ id: 5, vector: [1, 0] }, { id: '9007199254740993', vector: [0, 1] }] });
    expect(r2.data.insertIds).toEqual([5n, 9007199254740993n]);
    expect((await c2.get({ collectionName: 'big', id: ['9007199254740993', 5], outputFields: ['id'] })).data).toEqual([{ id: 9007199254740993n }, { id: 5n }]);
  });

  it('VarChar primary keys', async () => {
    const { c } = await tmp.openKind(kind);
    await c.createCollection({ collectionName: 'vc', dimension: 2, idType: 'VarChar', params: { max_length: 8 } });
    await c.insert({ collectionName: 'vc', data: [{ id: 'b', vector: [1, 0] }, { id: 'a', vector: [0, 1] }, { id: 'ç', vector: [0, 0] }] });
    expect((await c.get({ collectionName: 'vc', id: ['ç', 'a', 'zz'], outputFields: ['id'] })).data).toEqual([{ id: 'ç' }, { id: 'a' }]);
    await c.delete({ collectionName: 'vc', filter: 'id in ["a"]' });
    expect(await count(c, 'vc')).toBe(2);
    await expectError(() => c.get({ collectionName: 'vc', id: [1] }), 1806, 'id');
  });
});
