import { describe, expect, it } from 'vitest';
import { allRows, bookRows, count, expectError, STORAGES, useTemp, vec, type Client, type Row } from './helpers.js';

// Bad requests: each fails with a QuiverError carrying the expected code and a message naming the
// offending field, and leaves the database exactly as it was (rows, catalog).

const SCHEMA = {
  enableDynamicField: false,
  fields: [
    { fieldName: 'id', dataType: 'Int64', isPrimary: true },
    { fieldName: 'title', dataType: 'VarChar', elementTypeParams: { max_length: 200 } },
    { fieldName: 'i8', dataType: 'Int8', nullable: true },
    { fieldName: 'i32', dataType: 'Int32', nullable: true },
    { fieldName: 'i64', dataType: 'Int64', nullable: true },
    { fieldName: 'j', dataType: 'JSON', nullable: true },
    { fieldName: 'tags', dataType: 'Array', elementDataType: 'Int64', nullable: true, elementTypeParams: { max_capacity: 3 } },
    { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim: 4 } },
  ],
};

const row = (id: number, extra: Row = {}): Row => ({ id, title: `t${id}`, vec: vec(id), ...extra });

/** What a failed call must not change. */
async function snapshot(c: Client): Promise<unknown> {
  const colls = (await c.listCollections()).data;
  return {
    databases: (await c.listDatabases()).data,
    colls,
    described: await Promise.all(colls.map((n) => c.describeCollection({ collectionName: n }).then((r) => r.data))),
    partitions: (await c.listPartitions({ collectionName: 'books' })).data,
    rows: await allRows(c, 'books'),
    auto: await allRows(c, 'auto'),
    vc: await allRows(c, 'vc'),
  };
}

describe.each(STORAGES)('bad input on %s storage', (kind) => {
  const tmp = useTemp();

  async function setup(): Promise<{ c: Client; fails: (fn: () => unknown, code: number, ...mentions: string[]) => Promise<string> }> {
    const { c } = await tmp.openKind(kind);
    await c.createCollection({ collectionName: 'books', schema: SCHEMA, indexParams: [{ fieldName: 'vec', metricType: 'L2' }] });
    await c.createCollection({ collectionName: 'auto', dimension: 2, autoID: true });
    await c.createCollection({
      collectionName: 'vc',
      schema: {
        fields: [
          { fieldName: 'id', dataType: 'VarChar', isPrimary: true, elementTypeParams: { max_length: 8 } },
          { fieldName: 'tags', dataType: 'Array', elementDataType: 'VarChar', nullable: true, elementTypeParams: { max_capacity: 2, max_length: 8 } },
          { fieldName: 'vector', dataType: 'FloatVector', elementTypeParams: { dim: 2 } },
        ],
      },
      indexParams: [{ fieldName: 'vector' }],
    });
    await c.insert({ collectionName: 'books', data: [row(1), row(2, { i8: 5, j: { a: 1 } })] });
    await c.insert({ collectionName: 'auto', data: [{ vector: [1, 2] }] });
    const fails = async (fn: () => unknown, code: number, ...mentions: string[]): Promise<string> => {
      const before = await snapshot(c);
      const f = await expectError(fn, code, ...mentions);
      expect(await snapshot(c)).toEqual(before);
      return f.message;
    };
    return { c, fails };
  }

  it('unknown collection → 100 naming it', async () => {
    const { c, fails } = await setup();
    await fails(() => c.insert({ collectionName: 'nope', data: [row(9)] }), 100, '"nope"');
    await fails(() => c.upsert({ collectionName: 'nope', data: [row(9)] }), 100, '"nope"');
    await fails(() => c.delete({ collectionName: 'nope', ids: [1] }), 100, '"nope"');
    await fails(() => c.query({ collectionName: 'nope', filter: '' }), 100, '"nope"');
    await fails(() => c.get({ collectionName: 'nope', id: 1 }), 100, '"nope"');
    await fails(() => c.describeCollection({ collectionName: 'nope' }), 100, '"nope"');
    await fails(() => c.loadCollection({ collectionName: 'nope' }), 100, '"nope"');
    await fails(() => c.flush({ collectionName: 'nope' }), 100, '"nope"');
    await fails(() => c.createPartition({ collectionName: 'nope', partitionName: 'p' }), 100, '"nope"');
    await fails(() => c.createAlias({ collectionName: 'nope', aliasName: 'a' }), 100, '"nope"');
    await fails(() => c.insert({ dbName: 'nodb', collectionName: 'books', data: [row(9)] }), 800, 'nodb');
  });

  it('rows that do not fit the schema → 1804/1700 naming row and field', async () => {
    const { c, fails } = await setup();
    const ins = (r: Row) => () => c.insert({ collectionName: 'books', data: [r] });
    await fails(ins(row(9, { vec: [1, 2, 3] })), 1804, 'data[0].vec', 'dim 4');
    await fails(ins(row(9, { vec: 'abcd' })), 1804, 'data[0].vec');
    await fails(ins(row(9, { vec: [1, Number.NaN, 3, 4] })), 1804, 'data[0].vec[1]');
    await fails(ins(row(9, { vec: [1, 2, Number.POSITIVE_INFINITY, 4] })), 1804, 'data[0].vec[2]');
    await fails(ins(row(9, { vec: [1, 2, 3, '4'] })), 1804, 'data[0].vec[3]');
    await fails(ins(row(9, { title: 5 })), 1804, 'data[0].title', 'VarChar');
    await fails(ins(row(9, { title: null })), 1804, 'data[0].title');
    await fails(ins({ title: 'x', vec: vec(1) }), 1804, 'data[0].id', 'primary');
    await fails(ins(row(9, { id: 1.5 })), 1804, 'data[0].id');
    await fails(ins(row(9, { id: '9223372036854775808' })), 1804, 'data[0].id'); // 2^63
    await fails(ins(row(9, { i8: 128 })), 1804, 'data[0].i8', '128');
    await fails(ins(row(9, { i8: -129 })), 1804, 'data[0].i8');
    await fails(ins(row(9, { i32: 2 ** 31 })), 1804, 'data[0].i32');
    await fails(ins(row(9, { i32: 1.5 })), 1804, 'data[0].i32');
    await fails(ins(row(9, { i64: 2 ** 53 + 2 })), 1804, 'data[0].i64'); // not a safe integer: would be rounded
    await fails(ins(row(9, { i8: '5' })), 1804, 'data[0].i8');
    // 67 characters but 201 UTF-8 bytes: max_length counts bytes.
    await fails(ins(row(9, { title: '€'.repeat(67) })), 1804, 'data[0].title', '201 bytes', 'max_length 200');
    await fails(ins(row(9, { title: '😀'.repeat(51) })), 1804, 'data[0].title', '204 bytes');
    // Unpaired surrogates cannot be stored as UTF-8 (two keys would become one U+FFFD key).
    await fails(ins(row(9, { title: 'a\uD800' })), 1804, 'data[0].title', 'surrogate');
    await fails(() => c.insert({ collectionName: 'vc', data: [{ id: 'k\uDC00', vector: [1, 1] }] }), 1804, 'data[0].id', 'surrogate');
    await fails(() => c.insert({ collectionName: 'vc', data: [{ id: 'k', vector: [1, 1], tags: ['ok', '\uD83D'] }] }), 1804, 'data[0].tags[1]', 'surrogate');
    await fails(ins(row(9, { j: '{"a": 1' })), 1804, 'data[0].j', 'malformed JSON');
    await fails(ins(row(9, { j: { bad: Number.NaN } })), 1804, 'data[0].j.bad');
    await fails(ins(row(9, { tags: [1, 2, 3, 4] })), 1804, 'data[0].tags', 'max_capacity 3');
    await fails(ins(row(9, { tags: [1, 'x'] })), 1804, 'data[0].tags[1]');
    await fails(ins(row(9, { tags: 5 })), 1804, 'data[0].tags');
    await fails(ins(row(9, { color: 'red' })), 1700, 'data[0].color', 'dynamic');
    await fails(() => c.insert({ collectionName: 'auto', data: [{ vector: [1, 1], bad: { x: Number.POSITIVE_INFINITY } }] }), 1804, 'data[0].bad.x');
    await fails(() => c.insert({ collectionName: 'books', data: [] }), 1804, 'empty');
    await fails(() => c.insert({ collectionName: 'books', data: 'rows' }), 1100, 'data');
    await fails(() => c.insert({ collectionName: 'books' }), 1101, 'data');
    await fails(() => c.insert({ data: [row(9)] }), 1101, 'collectionName');
    expect(await count(c, 'books')).toBe(2);
  });

  it('primary keys on autoId collections: given on insert → 1804, missing on upsert → 1804', async () => {
    const { c, fails } = await setup();
    await fails(() => c.insert({ collectionName: 'auto', data: [{ id: 5, vector: [1, 1] }] }), 1804, 'data[0].id', 'autoId');
    await fails(() => c.upsert({ collectionName: 'auto', data: [{ vector: [1, 1] }] }), 1804, 'data[0].id');
    expect(await count(c, 'auto')).toBe(1);
  });

  it('a batch where only row 7 is bad inserts (or upserts) nothing', async () => {
    const { c, fails } = await setup();
    const batch = bookRows(10, 20).map((r, i) => (i === 7 ? { ...r, vec: [1, 2, 3] } : r));
    await fails(() => c.insert({ collectionName: 'books', data: batch }), 1804, 'data[7].vec');
    expect((await c.get({ collectionName: 'books', id: [10, 11, 16, 18] })).data).toEqual([]);
    const upserts = [row(1, { title: 'changed' }), row(2, { title: 'changed' }), ...bookRows(30, 35), row(3), row(36, { i8: 300 })];
    await fails(() => c.upsert({ collectionName: 'books', data: upserts }), 1804, 'data[8].i8');
    expect((await c.get({ collectionName: 'books', id: [1, 2], outputFields: ['title'] })).data).toEqual([{ id: 1, title: 't1' }, { id: 2, title: 't2' }]);
    // An autoId batch with a bad row consumes nothing visible either.
    await fails(() => c.insert({ collectionName: 'auto', data: [{ vector: [1, 1] }, { vector: [1] }] }), 1804, 'data[1].vector');
    expect(await count(c, 'auto')).toBe(1);
  });

  it('more than 100,000 rows in one request → 1102', async () => {
    const { c, fails } = await setup();
    const data = Array.from({ length: 100_001 }, (_, i) => ({ id: i, title: 'x', vec: [0, 0, 0, 0] }));
    await fails(() => c.insert({ collectionName: 'books', data }), 1102, '100001', '100000');
  });

  it('invalid names → 1100 (collection, partition, alias), 802 (database), 105 (field)', async () => {
    const { c, fails } = await setup();
    const quick = (collectionName: unknown) => () => c.createCollection({ collectionName, dimension: 2 });
    await fails(quick('1books'), 1100, 'collectionName', '1books');
    await fails(quick('a'.repeat(256)), 1100, 'collectionName', '255');
    await fails(quick('bad-name'), 1100, 'collectionName', 'bad-name');
    await fails(quick('has space'), 1100, 'collectionName');
    await fails(quick('ünï'), 1100, 'collectionName');
    await fails(quick(''), 1101, 'collectionName');
    await c.createCollection({ collectionName: `_${'a'.repeat(254)}`, dimension: 2 }); // 255 is allowed
    await c.dropCollection({ collectionName: `_${'a'.repeat(254)}` });
    await fails(() => c.createPartition({ collectionName: 'books', partitionName: 'p-1' }), 1100, 'partitionName', 'p-1');
    await fails(() => c.createAlias({ collectionName: 'books', aliasName: '9lives' }), 1100, 'aliasName', '9lives');
    await fails(() => c.createDatabase({ dbName: 'db.1' }), 802, 'dbName', 'db.1');
    await fails(() => c.renameCollection({ collectionName: 'books', newCollectionName: '2nd' }), 1100, 'newCollectionName', '2nd');
    const field = (fieldName: string) => () =>
      c.createCollection({ collectionName: 'x', schema: { fields: [{ fieldName: 'id', dataType: 'Int64', isPrimary: true }, { fieldName, dataType: 'FloatVector', elementTypeParams: { dim: 2 } }] } });
    await fails(field('3d'), 105, 'schema.fields[1].fieldName', '3d');
    await fails(field('a$b'), 105, 'schema.fields[1].fieldName');
  });

  it('bad schemas → 105 naming the field (duplicates, dim, primary keys, types)', async () => {
    const { c, fails } = await setup();
    const create = (fields: Row[], extra: Row = {}) => () => c.createCollection({ collectionName: 'x', schema: { fields, ...extra } });
    const pk = { fieldName: 'id', dataType: 'Int64', isPrimary: true };
    const v = (dim: unknown) => ({ fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim } });
    await fails(create([pk, v(2), { fieldName: 'v', dataType: 'Int32' }]), 105, 'schema.fields[2].fieldName', 'duplicate', '"v"');
    await fails(create([pk, v(0)]), 105, 'schema.fields[1].elementTypeParams.dim', '0');
    await fails(create([pk, v(40000)]), 105, 'schema.fields[1].elementTypeParams.dim', '40000');
    await fails(create([pk, v(2.5)]), 105, 'dim');
    await fails(create([pk, { fieldName: 'v', dataType: 'FloatVector' }]), 105, 'schema.fields[1].elementTypeParams.dim', 'required');
    await fails(() => c.createCollection({ collectionName: 'x', dimension: 0 }), 105, 'dim');
    await fails(() => c.createCollection({ collectionName: 'x', dimension: 40000 }), 105, 'dim', '40000');
    await fails(create([{ fieldName: 'id', dataType: 'Int64' }, v(2)]), 105, 'isPrimary', 'found 0');
    await fails(create([pk, { ...pk, fieldName: 'id2' }, v(2)]), 105, 'isPrimary', 'found 2');
    await fails(create([pk]), 105, 'vector');
    await fails(create([{ fieldName: 'id', dataType: 'Float', isPrimary: true }, v(2)]), 105, 'schema.fields[0]', 'Int64 or VarChar');
    await fails(create([{ ...pk, nullable: true }, v(2)]), 105, 'schema.fields[0]', 'nullable');
    await fails(create([pk, v(2), { fieldName: 's', dataType: 'VarChar' }]), 105, 'schema.fields[2].elementTypeParams.max_length');
    await fails(create([pk, v(2), { fieldName: 's', dataType: 'VarChar', elementTypeParams: { max_length: 70000 } }]), 105, 'max_length', '65535');
    await fails(create([pk, v(2), { fieldName: 'a', dataType: 'Array', elementTypeParams: { max_capacity: 2 } }]), 105, 'schema.fields[2].elementDataType');
    await fails(create([pk, v(2), { fieldName: 'a', dataType: 'Array', elementDataType: 'JSON', elementTypeParams: { max_capacity: 2 } }]), 105, 'schema.fields[2].elementDataType');
    await fails(create([pk, v(2), { fieldName: 'n', dataType: 'Int8', defaultValue: 300 }]), 105, 'schema.fields[2].defaultValue');
    await fails(create([pk, v(2), { fieldName: 'n', dataType: 'Decimal' }]), 105, 'schema.fields[2].dataType', 'Decimal');
    await fails(create([pk, { fieldName: 'b', dataType: 'BinaryVector', elementTypeParams: { dim: 8 } }]), 3000, 'schema.fields[1].dataType');
    await fails(create([pk, v(2)], { fields: 'nope' }), 1100, 'schema.fields');
    await fails(() => c.createCollection({ collectionName: 'x', schema: { fields: [pk, v(2)] }, indexParams: [{ fieldName: 'w' }] }), 1700, 'indexParams[0].fieldName', '"w"');
    await fails(() => c.createCollection({ collectionName: 'x', schema: { fields: [pk, v(2)] }, indexParams: [{ fieldName: 'v', metricType: 'HAMMING' }] }), 1100, 'metricType');
    await fails(() => c.createCollection({ collectionName: 'x' }), 1101, 'dimension');
  });

  it('bad filters → 90003 with the column; bad windows and output fields → 1100/1700', async () => {
    const { c, fails } = await setup();
    await fails(() => c.query({ collectionName: 'books', filter: 'id >' }), 90003, 'column');
    await fails(() => c.query({ collectionName: 'books', filter: 'id == 1 and and' }), 90003, 'column');
    await fails(() => c.query({ collectionName: 'books', filter: 'nofield > 1' }), 90003, 'column', 'nofield');
    await fails(() => c.query({ collectionName: 'books', filter: 'title > 1' }), 90003, 'column');
    await fails(() => c.delete({ collectionName: 'books', filter: 'id in [1,' }), 90003, 'column');
    await fails(() => c.delete({ collectionName: 'books', filter: '' }), 1101, 'filter');
    await fails(() => c.query({ collectionName: 'books', filter: '', limit: 16000, offset: 385 }), 1100, 'limit', '16384');
    await fails(() => c.query({ collectionName: 'books', filter: '', limit: -1 }), 1100, 'limit');
    await fails(() => c.query({ collectionName: 'books', filter: '', outputFields: ['nofield'] }), 1700, 'outputFields', 'nofield');
    await fails(() => c.query({ collectionName: 'books', filter: '', outputFields: ['count(*)', 'title'] }), 1100, 'count(*)');
    await fails(() => c.get({ collectionName: 'books', id: ['abc'] }), 1806, 'id[0]');
    await fails(() => c.get({ collectionName: 'books', id: Array.from({ length: 16385 }, (_, i) => i) }), 1102, '16385');
    await fails(() => c.get({ collectionName: 'books' }), 1101, 'id');
    // limit + offset = 16384 exactly is allowed.
    expect((await c.query({ collectionName: 'books', filter: '', limit: 16000, offset: 384 })).data).toEqual([]);
  });

  it('DDL conflicts leave the catalog as it was', async () => {
    const { c, fails } = await setup();
    await fails(() => c.createCollection({ collectionName: 'books', dimension: 4 }), 90005, 'books');
    await fails(() => c.createPartition({ collectionName: 'books', partitionName: '_default' }), 90005, '_default');
    await fails(() => c.dropPartition({ collectionName: 'books', partitionName: 'nope' }), 200, 'nope');
    await fails(() => c.createAlias({ collectionName: 'books', aliasName: 'auto' }), 1602, 'auto');
    await fails(() => c.renameCollection({ collectionName: 'books', newCollectionName: 'auto' }), 90005, 'auto');
    await fails(() => c.dropDatabase({ dbName: 'nodb' }), 800, 'nodb');
    await fails(() => c.createCollection({ collectionName: 'x', dimension: 2, params: { shardsNum: 0 } }), 1100, 'shardsNum');
    await fails(() => c.createCollection({ collectionName: 'x', dimension: 2, params: { consistencyLevel: 'Sometimes' } }), 1100, 'consistencyLevel');
  });
});
