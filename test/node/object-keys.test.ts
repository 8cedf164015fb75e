import { describe, expect, it } from 'vitest';
import { expectError, STORAGES, useTemp, type Client, type Row } from './helpers.js';
import { post, useServer } from './server-fixture.js';

// Row keys that are names of JavaScript object members (`__proto__`, `constructor`, `toString`…).
// Milvus takes any JSON key as a dynamic field key, so Quiver stores and returns them like any other
// key, never as a prototype, and never reads an inherited member as a row's value. JSON.parse is
// how such keys arrive from the wire (an object literal's `__proto__:` sets the prototype instead).

const rowsText = `[
  {"id": 1, "vector": [1, 0], "__proto__": {"x": 1}, "constructor": "c1"},
  {"id": 2, "vector": [0, 1], "toString": 3, "hasOwnProperty": false, "j": {"__proto__": [1, 2]}},
  {"id": 3, "vector": [1, 1], "__proto__": 7}
]`;

/** The rows above as the API must return them (every key an own key, in the given order). */
function expected(): Row[] {
  return JSON.parse(`[
    {"id": 1, "vector": [1, 0], "__proto__": {"x": 1}, "constructor": "c1"},
    {"id": 2, "vector": [0, 1], "toString": 3, "hasOwnProperty": false, "j": {"__proto__": [1, 2]}},
    {"id": 3, "vector": [1, 1], "__proto__": 7}
  ]`) as Row[];
}

async function queryAll(c: Client, filter = 'id > 0', outputFields = ['*']): Promise<Row[]> {
  const rows = (await c.query({ collectionName: 'c', filter, outputFields })).data as Row[];
  return rows.sort((a, b) => Number(a.id) - Number(b.id));
}

describe.each(STORAGES)('dynamic keys named like object members (%s storage)', (kind) => {
  const tmp = useTemp();

  it('are stored and returned as ordinary keys, through the WAL, a flush and a reopen', async () => {
    const { c, dir } = await tmp.openKind(kind);
    await c.createCollection({ collectionName: 'c', dimension: 2 });
    expect((await c.insert({ collectionName: 'c', data: JSON.parse(rowsText) })).data.insertCount).toBe(3);
    const check = async (client: Client): Promise<void> => {
      const rows = await queryAll(client);
      expect(rows).toEqual(expected());
      for (const r of rows) {
        expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
        expect(Object.keys(r)).toEqual(Object.keys(expected().find((e) => e.id === r.id)!));
      }
      // Filters see them as keys of $meta (hasOwn), not as inherited members.
      expect((await queryAll(client, '__proto__["x"] == 1 or constructor == "c1"', ['id'])).map((r) => r.id)).toEqual([1]);
      expect((await queryAll(client, 'exists $meta["__proto__"]', ['id'])).map((r) => r.id)).toEqual([1, 3]);
      expect((await queryAll(client, 'toString == 3 and hasOwnProperty == false', ['id'])).map((r) => r.id)).toEqual([2]);
      expect((await queryAll(client, 'exists constructor', ['id'])).map((r) => r.id)).toEqual([1]);
      // Named output fields: own keys only, so row 3 has no "constructor" and row 1 no "toString".
      const named = await queryAll(client, 'id > 0', ['__proto__', 'toString', 'constructor']);
      expect(named.map((r) => Object.keys(r))).toEqual([['id', '__proto__', 'constructor'], ['id', 'toString'], ['id', '__proto__']]);
      expect(named[2]!['__proto__']).toBe(7);
    };
    await check(c);
    // Nothing leaked into Object.prototype.
    expect(({} as Row).x).toBeUndefined();
    if (dir === undefined) return;
    await c.close({ flush: false }); // rows come back from the WAL
    const c2 = await tmp.open(dir);
    await check(c2);
    await c2.flush({ collectionName: 'c' }); // and from a segment file
    await c2.close();
    await check(await tmp.open(dir));
  });

  it('without a dynamic field, such a key is refused naming the row and the key', async () => {
    const { c } = await tmp.openKind(kind);
    await c.createCollection({
      collectionName: 'fixed',
      schema: { fields: [{ fieldName: 'id', dataType: 'Int64', isPrimary: true }, { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 2 } }] },
    });
    const data = JSON.parse('[{"id": 1, "v": [1, 1]}, {"id": 2, "v": [1, 1], "__proto__": {"id": 9}}]') as Row[];
    await expectError(() => c.insert({ collectionName: 'fixed', data }), 1700, 'data[1].__proto__: the collection has no field "__proto__" and no dynamic field');
    const ctor = JSON.parse('[{"id": 1, "v": [1, 1], "constructor": 5}]') as Row[];
    await expectError(() => c.insert({ collectionName: 'fixed', data: ctor }), 1700, 'data[0].constructor: the collection has no field "constructor"');
  });
});

describe('object members are never read as row data', () => {
  const tmp = useTemp();

  it('a row’s prototype is ignored, like JSON.stringify ignores it', async () => {
    const c = await tmp.open(undefined);
    await c.createCollection({ collectionName: 'c', dimension: 2 });
    const withProto = Object.create({ vector: [1, 2], color: 'red' }) as Row;
    withProto.id = 1;
    await expectError(() => c.insert({ collectionName: 'c', data: [withProto] }), 1804, 'data[0].vector: missing value for the field "vector"');
    withProto.vector = [1, 2];
    await c.insert({ collectionName: 'c', data: [withProto] });
    expect(await queryAll(c)).toEqual([{ id: 1, vector: [1, 2] }]);
  });

  it('fields named toString or valueOf are fields, also when added later', async () => {
    const c = await tmp.open(undefined);
    const fields = [
      { fieldName: 'id', dataType: 'Int64', isPrimary: true },
      { fieldName: 'toString', dataType: 'Int64' },
      { fieldName: 'vector', dataType: 'FloatVector', elementTypeParams: { dim: 2 } },
    ];
    await c.createCollection({ collectionName: 'c', schema: { fields }, indexParams: [{ fieldName: 'vector' }] });
    await expectError(() => c.insert({ collectionName: 'c', data: [{ id: 1, vector: [1, 1] }] }), 1804, 'data[0].toString: missing value for the field "toString"');
    await c.insert({ collectionName: 'c', data: [{ id: 1, toString: 5, vector: [1, 1] }] });
    await c.addCollectionField({ collectionName: 'c', schema: { fieldName: 'valueOf', dataType: 'Int64', nullable: true } });
    expect(await queryAll(c, 'valueOf is null and toString == 5')).toEqual([{ id: 1, toString: 5, valueOf: null, vector: [1, 1] }]);
  });

  it('a field named __proto__ is refused when the schema is created or the field added', async () => {
    const c = await tmp.open(undefined);
    const fields = [
      { fieldName: 'id', dataType: 'Int64', isPrimary: true },
      { fieldName: '__proto__', dataType: 'Int64' },
      { fieldName: 'vector', dataType: 'FloatVector', elementTypeParams: { dim: 2 } },
    ];
    await expectError(() => c.createCollection({ collectionName: 'c', schema: { fields } }), 105, 'schema.fields[1].fieldName: "__proto__" cannot be a field name');
    await c.createCollection({ collectionName: 'c', dimension: 2 });
    await expectError(() => c.addCollectionField({ collectionName: 'c', schema: { fieldName: '__proto__', dataType: 'Int64', nullable: true } }), 105, '"__proto__" cannot be a field name');
  });
});

describe('over REST', () => {
  const server = useServer();

  it('a __proto__ key in the JSON body is a dynamic key, returned as sent', async () => {
    const base = server().url;
    expect((await post(base, 'collections/create', { collectionName: 'c', dimension: 2 })).code).toBe(0);
    const inserted = await post(base, 'entities/insert', `{"collectionName": "c", "data": ${rowsText}}`);
    expect(inserted).toMatchObject({ code: 0, data: { insertCount: 3 } });
    const res = await post(base, 'entities/query', { collectionName: 'c', filter: 'id > 0', outputFields: ['*'] });
    expect(res.code).toBe(0);
    expect((res as unknown as { data: Row[] }).data.sort((a, b) => Number(a.id) - Number(b.id))).toEqual(expected());
  });
});
