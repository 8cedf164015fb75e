import { describe, expect, it } from 'vitest';
import { bookRows, count, createBooks, expectError, ids, sortById, STORAGES, useTemp, vec, type Row } from './helpers.js';

// DDL through the public client: databases, collections, partitions, aliases, properties,
// load/release and partition-key collections, on memory and file storage.

describe.each(STORAGES)('DDL on %s storage', (kind) => {
  const tmp = useTemp();

  describe('databases', () => {
    it('has a default database that cannot be dropped', async () => {
      const { c } = await tmp.openKind(kind);
      expect((await c.listDatabases()).data).toEqual(['default']);
      expect((await c.describeDatabase({ dbName: 'default' })).data).toMatchObject({ dbName: 'default' });
      await expectError(() => c.dropDatabase({ dbName: 'default' }), 1100, 'default');
      expect((await c.listDatabases()).data).toEqual(['default']);
    });

    it('creates, lists, describes and drops a database; dropping a non-empty one fails', async () => {
      const { c } = await tmp.openKind(kind);
      await c.createDatabase({ dbName: 'shop', properties: { 'database.max.collections': 10 } });
      expect((await c.listDatabases()).data).toEqual(['default', 'shop']);
      const d = (await c.describeDatabase({ dbName: 'shop' })).data;
      expect(d.dbName).toBe('shop');
      expect(d.properties).toEqual([{ key: 'database.max.collections', value: '10' }]);
      await expectError(() => c.createDatabase({ dbName: 'shop' }), 90005, 'shop');

      // A collection in the new database is separate from one of the same name in default.
      await createBooks(c, 'books', { dbName: 'shop' });
      await c.insert({ dbName: 'shop', collectionName: 'books', data: bookRows(0, 3) });
      expect((await c.listCollections({ dbName: 'shop' })).data).toEqual(['books']);
      expect((await c.listCollections()).data).toEqual([]);
      expect((await c.hasCollection({ collectionName: 'books' })).data.has).toBe(false);
      await expectError(() => c.query({ collectionName: 'books', filter: '' }), 100, 'books');
      expect(await count(c, 'books', '', { dbName: 'shop' })).toBe(3);

      const f = await expectError(() => c.dropDatabase({ dbName: 'shop' }), 1100, 'shop');
      expect(f.message).toContain('collection');
      expect((await c.listDatabases()).data).toEqual(['default', 'shop']);
      expect(await count(c, 'books', '', { dbName: 'shop' })).toBe(3);

      await c.dropCollection({ dbName: 'shop', collectionName: 'books' });
      await c.dropDatabase({ dbName: 'shop' });
      expect((await c.listDatabases()).data).toEqual(['default']);
      await expectError(() => c.describeDatabase({ dbName: 'shop' }), 800, 'shop');
      await expectError(() => c.listCollections({ dbName: 'shop' }), 800, 'shop');
    });
  });

  describe('collections', () => {
    it('quick setup with dimension: id + vector, dynamic field, AUTOINDEX, loaded', async () => {
      const { c } = await tmp.openKind(kind);
      await c.createCollection({ collectionName: 'quick', dimension: 8 });
      const d = (await c.describeCollection({ collectionName: 'quick' })).data as Row;
      const fields = d.fields as Row[];
      expect(fields.map((f) => [f.name, f.type, f.primaryKey])).toEqual([
        ['id', 'Int64', true],
        ['vector', 'FloatVector', false],
      ]);
      expect(fields[1]!.params).toEqual([{ key: 'dim', value: '8' }]);
      expect(d.enableDynamicField).toBe(true);
      expect(d.load).toBe('LoadStateLoaded');
      expect(d.indexes).toEqual([{ fieldName: 'vector', indexName: 'vector', metricType: 'COSINE' }]);
      expect((await c.getLoadState({ collectionName: 'quick' })).data.loadState).toBe('LoadStateLoaded');
      // Loaded at once: insert and query without a load call; dynamic keys are kept.
      await c.insert({ collectionName: 'quick', data: [{ id: 5, vector: vec(1, 8), color: 'red' }] });
      expect((await c.query({ collectionName: 'quick', filter: 'color == "red"' })).data).toEqual([{ id: 5, vector: vec(1, 8), color: 'red' }]);
    });

    it('quick setup honours idType, primaryFieldName, vectorFieldName, metricType', async () => {
      const { c } = await tmp.openKind(kind);
      await c.createCollection({ collectionName: 'q2', dimension: 2, idType: 'VarChar', primaryFieldName: 'pk', vectorFieldName: 'emb', metricType: 'L2', params: { max_length: 16 } });
      const d = (await c.describeCollection({ collectionName: 'q2' })).data as Row;
      expect((d.fields as Row[]).map((f) => [f.name, f.type])).toEqual([
        ['pk', 'VarChar'],
        ['emb', 'FloatVector'],
      ]);
      expect(d.indexes).toEqual([{ fieldName: 'emb', indexName: 'emb', metricType: 'L2' }]);
      await c.insert({ collectionName: 'q2', data: [{ pk: 'a', emb: [1, 2] }] });
      expect((await c.get({ collectionName: 'q2', id: 'a' })).data).toEqual([{ pk: 'a', emb: [1, 2] }]);
    });

    it('custom schema: describe shows fields, indexes, shardsNum, enableDynamicField, load', async () => {
      const { c } = await tmp.openKind(kind);
      await c.createCollection({
        collectionName: 'custom',
        schema: {
          enableDynamicField: false,
          fields: [
            { fieldName: 'pk', dataType: 'VarChar', isPrimary: true, elementTypeParams: { max_length: 32 } },
            { fieldName: 'n', dataType: 'Int32', nullable: true },
            { fieldName: 'tags', dataType: 'Array', elementDataType: 'VarChar', elementTypeParams: { max_capacity: 4, max_length: 8 } },
            { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: '3' } },
          ],
        },
        params: { shardsNum: 2, consistencyLevel: 'Strong' },
      });
      const d = (await c.describeCollection({ collectionName: 'custom' })).data as Row;
      expect(d.collectionName).toBe('custom');
      expect(d.enableDynamicField).toBe(false);
      expect(d.shardsNum).toBe(2);
      expect(d.consistencyLevel).toBe('Strong');
      expect(d.indexes).toEqual([]);
      expect(d.load).toBe('LoadStateNotLoad');
      const fields = d.fields as Row[];
      expect(fields.map((f) => f.name)).toEqual(['pk', 'n', 'tags', 'v']);
      expect(fields[0]).toMatchObject({ type: 'VarChar', primaryKey: true, params: [{ key: 'max_length', value: '32' }] });
      expect(fields[1]).toMatchObject({ type: 'Int32', nullable: true, primaryKey: false });
      expect(fields[2]).toMatchObject({ type: 'Array', elementType: 'VarChar' });
      expect(fields[2]!.params).toEqual(expect.arrayContaining([{ key: 'max_capacity', value: '4' }, { key: 'max_length', value: '8' }]));
      expect(fields[3]).toMatchObject({ type: 'FloatVector', params: [{ key: 'dim', value: '3' }] });
      expect((await c.hasCollection({ collectionName: 'custom' })).data.has).toBe(true);
      expect((await c.hasCollection({ collectionName: 'nope' })).data.has).toBe(false);
      expect((await c.listCollections()).data).toEqual(['custom']);
    });

    it('creating the same collection twice succeeds; a different schema under the same name fails', async () => {
      const { c } = await tmp.openKind(kind);
      await createBooks(c);
      await c.insert({ collectionName: 'books', data: bookRows(0, 2) });
      await createBooks(c); // same schema: ok, data kept
      expect(await count(c, 'books')).toBe(2);
      await expectError(
        () => c.createCollection({ collectionName: 'books', dimension: 4 }),
        90005,
        'books',
      );
      expect((await c.listCollections()).data).toEqual(['books']);
      expect(((await c.describeCollection({ collectionName: 'books' })).data.fields as Row[]).map((f) => f.name)).toEqual(['id', 'title', 'vec']);
      expect(await count(c, 'books')).toBe(2);
    });

    it('load, release and get_load_state; a released collection refuses queries with 101', async () => {
      const { c } = await tmp.openKind(kind);
      await c.createCollection({
        collectionName: 'lazy',
        schema: { fields: [{ fieldName: 'id', dataType: 'Int64', isPrimary: true }, { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 2 } }] },
      });
      expect((await c.getLoadState({ collectionName: 'lazy' })).data.loadState).toBe('LoadStateNotLoad');
      await c.insert({ collectionName: 'lazy', data: [{ id: 1, v: [0, 1] }, { id: 2, v: [1, 0] }] });
      await expectError(() => c.query({ collectionName: 'lazy', filter: 'id > 0' }), 101, 'lazy');
      await expectError(() => c.get({ collectionName: 'lazy', id: 1 }), 101, 'lazy');
      await c.loadCollection({ collectionName: 'lazy' });
      expect((await c.getLoadState({ collectionName: 'lazy' })).data).toEqual({ loadState: 'LoadStateLoaded', loadProgress: 100 });
      expect(await count(c, 'lazy')).toBe(2);
      await c.flush({ collectionName: 'lazy' });
      await c.releaseCollection({ collectionName: 'lazy' });
      expect((await c.getLoadState({ collectionName: 'lazy' })).data.loadState).toBe('LoadStateNotLoad');
      await expectError(() => c.query({ collectionName: 'lazy', filter: '' }), 101, 'lazy');
      // Inserts are accepted while released and seen after the next load.
      await c.insert({ collectionName: 'lazy', data: [{ id: 3, v: [1, 1] }] });
      await c.loadCollection({ collectionName: 'lazy' });
      expect(ids(sortById((await c.query({ collectionName: 'lazy', filter: '' })).data as Row[]))).toEqual([1, 2, 3]);
    });

    it('renames a collection (data follows; the old name is gone)', async () => {
      const { c } = await tmp.openKind(kind);
      await createBooks(c);
      await c.insert({ collectionName: 'books', data: bookRows(0, 4) });
      await c.renameCollection({ collectionName: 'books', newCollectionName: 'novels' });
      expect((await c.listCollections()).data).toEqual(['novels']);
      expect((await c.hasCollection({ collectionName: 'books' })).data.has).toBe(false);
      expect(await count(c, 'novels')).toBe(4);
      await expectError(() => c.insert({ collectionName: 'books', data: bookRows(9, 10) }), 100, 'books');
      await createBooks(c, 'other');
      await expectError(() => c.renameCollection({ collectionName: 'novels', newCollectionName: 'other' }), 90005, 'other');
      expect((await c.listCollections()).data).toEqual(['novels', 'other']);
    });

    it('drops a collection (dropping a missing one is fine); one with an alias cannot be dropped', async () => {
      const { c } = await tmp.openKind(kind);
      await createBooks(c);
      await c.insert({ collectionName: 'books', data: bookRows(0, 3) });
      await c.createAlias({ collectionName: 'books', aliasName: 'library' });
      await expectError(() => c.dropCollection({ collectionName: 'books' }), 1100, 'library');
      // Nor can it be dropped through the alias (that used to succeed silently, dropping nothing).
      await expectError(() => c.dropCollection({ collectionName: 'library' }), 1100, 'library', 'alias');
      expect((await c.hasCollection({ collectionName: 'books' })).data.has).toBe(true);
      expect(await count(c, 'books')).toBe(3);
      await c.dropAlias({ aliasName: 'library' });
      await c.dropCollection({ collectionName: 'books' });
      expect((await c.hasCollection({ collectionName: 'books' })).data.has).toBe(false);
      expect((await c.listCollections()).data).toEqual([]);
      await c.dropCollection({ collectionName: 'books' });
      await expectError(() => c.query({ collectionName: 'books', filter: '' }), 100, 'books');
      // A new collection of the same name starts empty.
      await createBooks(c);
      expect(await count(c, 'books')).toBe(0);
    });

    it('alters and drops collection properties', async () => {
      const { c } = await tmp.openKind(kind);
      await createBooks(c);
      await c.alterCollectionProperties({ collectionName: 'books', properties: { 'collection.ttl.seconds': 60, 'mmap.enabled': true } });
      const props = () => c.describeCollection({ collectionName: 'books' }).then((r) => (r.data as Row).properties as Array<{ key: string; value: string }>);
      expect(await props()).toEqual(expect.arrayContaining([{ key: 'collection.ttl.seconds', value: '60' }, { key: 'mmap.enabled', value: 'true' }]));
      expect((await props()).length).toBe(2);
      await c.dropCollectionProperties({ collectionName: 'books', propertyKeys: ['mmap.enabled'] });
      expect(await props()).toEqual([{ key: 'collection.ttl.seconds', value: '60' }]);
    });
  });

  describe('partitions', () => {
    it('has _default; create/has/list/drop; insert into and query a partition', async () => {
      const { c } = await tmp.openKind(kind);
      await createBooks(c);
      expect((await c.listPartitions({ collectionName: 'books' })).data).toEqual(['_default']);
      await c.createPartition({ collectionName: 'books', partitionName: 'p1' });
      await expectError(() => c.createPartition({ collectionName: 'books', partitionName: 'p1' }), 90005, 'p1');
      expect((await c.hasPartition({ collectionName: 'books', partitionName: 'p1' })).data.has).toBe(true);
      expect((await c.hasPartition({ collectionName: 'books', partitionName: 'p2' })).data.has).toBe(false);
      expect((await c.listPartitions({ collectionName: 'books' })).data).toEqual(['_default', 'p1']);

      await c.insert({ collectionName: 'books', data: bookRows(0, 3) });
      await c.insert({ collectionName: 'books', partitionName: 'p1', data: bookRows(10, 15) });
      expect(await count(c, 'books')).toBe(8);
      const inP1 = await c.query({ collectionName: 'books', filter: '', partitionNames: ['p1'], outputFields: ['id'] });
      expect(ids(sortById(inP1.data as Row[]))).toEqual([10, 11, 12, 13, 14]);
      const inDefault = await c.query({ collectionName: 'books', filter: 'id >= 0', partitionNames: ['_default'], outputFields: ['id'] });
      expect(ids(sortById(inDefault.data as Row[]))).toEqual([0, 1, 2]);
      expect((await c.get({ collectionName: 'books', id: [1, 11], partitionNames: ['p1'], outputFields: ['id'] })).data).toEqual([{ id: 11 }]);
      expect((await c.getPartitionStatistics({ collectionName: 'books', partitionName: 'p1' })).data.rowCount).toBe(5);
      await expectError(() => c.query({ collectionName: 'books', filter: '', partitionNames: ['nope'] }), 200, 'nope');
      await expectError(() => c.insert({ collectionName: 'books', partitionName: 'nope', data: bookRows(20, 21) }), 200, 'nope');

      await expectError(() => c.dropPartition({ collectionName: 'books', partitionName: '_default' }), 1100, '_default');
      await c.dropPartition({ collectionName: 'books', partitionName: 'p1' });
      expect((await c.listPartitions({ collectionName: 'books' })).data).toEqual(['_default']);
      expect(await count(c, 'books')).toBe(3);
      await expectError(() => c.query({ collectionName: 'books', filter: '', partitionNames: ['p1'] }), 200, 'p1');
    });
  });

  describe('aliases', () => {
    it('create/describe/list/alter/drop; an alias works as collectionName', async () => {
      const { c } = await tmp.openKind(kind);
      await createBooks(c, 'a');
      await createBooks(c, 'b');
      await c.insert({ collectionName: 'a', data: bookRows(0, 2) });
      await c.insert({ collectionName: 'b', data: bookRows(100, 105) });
      await c.createAlias({ collectionName: 'a', aliasName: 'current' });
      await expectError(() => c.createAlias({ collectionName: 'b', aliasName: 'current' }), 1602, 'current');
      await expectError(() => c.createAlias({ collectionName: 'b', aliasName: 'a' }), 1602, 'a');
      expect((await c.describeAlias({ aliasName: 'current' })).data).toMatchObject({ aliasName: 'current', collectionName: 'a' });
      expect((await c.listAliases()).data).toEqual(['current']);
      expect((await c.listAliases({ collectionName: 'b' })).data).toEqual([]);
      expect((await c.describeCollection({ collectionName: 'a' })).data.aliases).toEqual(['current']);

      expect(await count(c, 'current')).toBe(2);
      await c.insert({ collectionName: 'current', data: bookRows(2, 3) });
      expect(await count(c, 'a')).toBe(3);
      expect((await c.hasCollection({ collectionName: 'current' })).data.has).toBe(true);

      await c.alterAlias({ collectionName: 'b', aliasName: 'current' });
      expect((await c.describeAlias({ aliasName: 'current' })).data.collectionName).toBe('b');
      expect(await count(c, 'current')).toBe(5);
      await expectError(() => c.alterAlias({ collectionName: 'b', aliasName: 'missing' }), 1600, 'missing');

      await c.dropAlias({ aliasName: 'current' });
      await expectError(() => c.describeAlias({ aliasName: 'current' }), 1600, 'current');
      expect((await c.listAliases()).data).toEqual([]);
      await expectError(() => c.query({ collectionName: 'current', filter: '' }), 100, 'current');
      expect(await count(c, 'a')).toBe(3);
      expect(await count(c, 'b')).toBe(5);
    });
  });

  describe('partition key', () => {
    it('routes rows by the key into hidden partitions; queries see every row', async () => {
      const { c } = await tmp.openKind(kind);
      await c.createCollection({
        collectionName: 'tenants',
        schema: {
          fields: [
            { fieldName: 'id', dataType: 'Int64', isPrimary: true },
            { fieldName: 'tenant', dataType: 'VarChar', isPartitionKey: true, elementTypeParams: { max_length: 16 } },
            { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 2 } },
          ],
        },
        indexParams: [{ fieldName: 'v' }],
        params: { partitionsNum: 4 },
      });
      const parts = (await c.listPartitions({ collectionName: 'tenants' })).data;
      expect(parts).toHaveLength(4);
      const rows = Array.from({ length: 60 }, (_, i) => ({ id: i, tenant: `t${i % 12}`, v: [i, 1] }));
      await c.insert({ collectionName: 'tenants', data: rows });
      expect(await count(c, 'tenants')).toBe(60);
      expect(ids(sortById((await c.query({ collectionName: 'tenants', filter: 'tenant == "t5"', outputFields: ['id'] })).data as Row[]))).toEqual([5, 17, 29, 41, 53]);

      // Every tenant lives in exactly one partition, and the rows are spread over several.
      const tenantsOf = new Map<string, Set<string>>();
      let total = 0;
      let nonEmpty = 0;
      for (const p of parts) {
        const got = (await c.query({ collectionName: 'tenants', filter: '', partitionNames: [p], outputFields: ['tenant'], limit: 1000 })).data as Row[];
        total += got.length;
        if (got.length > 0) nonEmpty++;
        tenantsOf.set(p, new Set(got.map((r) => r.tenant as string)));
      }
      expect(total).toBe(60);
      expect(nonEmpty).toBeGreaterThan(1);
      for (let t = 0; t < 12; t++) expect([...tenantsOf.values()].filter((s) => s.has(`t${t}`))).toHaveLength(1);

      await expectError(() => c.insert({ collectionName: 'tenants', partitionName: parts[0], data: [{ id: 99, tenant: 'x', v: [0, 0] }] }), 1100, 'partition');
      await expectError(() => c.createPartition({ collectionName: 'tenants', partitionName: 'mine' }), 1100, 'partition key');
      expect(await count(c, 'tenants')).toBe(60);
    });
  });
});

describe('DDL survives reopen (file storage)', () => {
  const tmp = useTemp();

  it('databases, collections, renames, partitions, aliases, properties and load state persist', async () => {
    const dir = tmp.dir();
    let c = await tmp.open(dir);
    await c.createDatabase({ dbName: 'shop' });
    await createBooks(c, 'books', { dbName: 'shop' });
    await createBooks(c, 'old');
    await c.renameCollection({ collectionName: 'old', newCollectionName: 'renamed' });
    await c.createPartition({ collectionName: 'renamed', partitionName: 'p1' });
    await c.insert({ collectionName: 'renamed', partitionName: 'p1', data: bookRows(0, 3) });
    await c.createAlias({ collectionName: 'renamed', aliasName: 'al' });
    await c.alterCollectionProperties({ collectionName: 'renamed', properties: { k: 'v' } });
    await c.releaseCollection({ collectionName: 'books', dbName: 'shop' });
    await c.close();

    c = await tmp.open(dir);
    expect((await c.listDatabases()).data).toEqual(['default', 'shop']);
    expect((await c.listCollections({ dbName: 'shop' })).data).toEqual(['books']);
    expect((await c.listCollections()).data).toEqual(['renamed']);
    expect((await c.listPartitions({ collectionName: 'renamed' })).data).toEqual(['_default', 'p1']);
    expect((await c.describeAlias({ aliasName: 'al' })).data.collectionName).toBe('renamed');
    expect((await c.describeCollection({ collectionName: 'al' })).data.properties).toEqual([{ key: 'k', value: 'v' }]);
    expect((await c.getLoadState({ dbName: 'shop', collectionName: 'books' })).data.loadState).toBe('LoadStateNotLoad');
    expect((await c.getLoadState({ collectionName: 'renamed' })).data.loadState).toBe('LoadStateLoaded');
    expect(await count(c, 'al', '', { partitionNames: ['p1'] })).toBe(3);
  });
});
