import { describe, expect, it } from 'vitest';
import { allRows, bookRows, count, createBooks, expectError, ids, sortById, STORAGES, useTemp, vec, type Client, type Row } from './helpers.js';

// Insert, upsert, delete, get and query semantics on memory and file storage. Every scenario is
// checked while the rows are in growing segments and again after a flush (sealed segments).

async function flushAnd(c: Client, name: string, check: () => Promise<void>): Promise<void> {
  await check();
  await c.flush({ collectionName: name });
  await check();
}

describe.each(STORAGES)('entities on %s storage', (kind) => {
  const tmp = useTemp();

  it('autoId: ids are returned, unique and increasing across inserts and reopen', async () => {
    const { c, dir } = await tmp.openKind(kind);
    const create = (cl: Client) =>
      cl.createCollection({
        collectionName: 'auto',
        schema: { autoID: true, fields: [{ fieldName: 'id', dataType: 'Int64', isPrimary: true }, { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 2 } }] },
        indexParams: [{ fieldName: 'v' }],
      });
    await create(c);
    const given: number[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const r = await c.insert({ collectionName: 'auto', data: Array.from({ length: 5 }, (_, i) => ({ v: [batch, i] })) });
      expect(r.data.insertCount).toBe(5);
      given.push(...(r.data.insertIds as number[]));
    }
    expect(given).toHaveLength(15);
    for (let i = 1; i < given.length; i++) expect(given[i]!).toBeGreaterThan(given[i - 1]!);
    const rows = await allRows(c, 'auto');
    expect(ids(rows)).toEqual(given);
    // The row of an id is the one inserted with it.
    expect((await c.get({ collectionName: 'auto', id: given[7] })).data).toEqual([{ id: given[7], v: [1, 2] }]);
    let c2 = c;
    if (dir !== undefined) {
      await c.close();
      c2 = await tmp.open(dir);
    }
    await create(c2); // same schema: a no-op
    const after = (await c2.insert({ collectionName: 'auto', data: [{ v: [9, 9] }, { v: [8, 8] }] })).data.insertIds as number[];
    expect(after[0]!).toBeGreaterThan(given[given.length - 1]!);
    expect(after[1]!).toBeGreaterThan(after[0]!);
    expect(await count(c2, 'auto')).toBe(17);
  });

  it('upsert into an autoId collection replaces the given key by a fresh id (as Milvus); later auto ids never hit it', async () => {
    const { c, dir } = await tmp.openKind(kind);
    await c.createCollection({ collectionName: 'auto', dimension: 2, autoID: true });
    const [a, b] = (await c.insert({ collectionName: 'auto', data: [{ vector: [1, 0], tag: 'a' }, { vector: [0, 1], tag: 'b' }] })).data.insertIds as number[];
    const up = await c.upsert({ collectionName: 'auto', data: [{ id: a, vector: [2, 2], tag: 'a2' }, { id: b! + 1, vector: [3, 3], tag: 'future' }] });
    const [a2, future] = up.data.upsertIds as number[];
    expect(up.data.upsertCount).toBe(2);
    expect(new Set([a, b, a2, future]).size).toBe(4);
    const [c1] = (await c.insert({ collectionName: 'auto', data: [{ vector: [4, 4], tag: 'c' }] })).data.insertIds as number[];
    const want = sortById([
      { id: b, tag: 'b' },
      { id: a2, tag: 'a2' },
      { id: future, tag: 'future' },
      { id: c1, tag: 'c' },
    ]);
    const check = async (cl: Client) => expect(await allRows(cl, 'auto', { outputFields: ['tag'] })).toEqual(want);
    await flushAnd(c, 'auto', () => check(c));
    if (dir !== undefined) {
      await c.close();
      await check(await tmp.open(dir));
    }
  });

  it('get returns rows in the order of the given ids, skipping missing ones', async () => {
    const { c } = await tmp.openKind(kind);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 10) });
    await flushAnd(c, 'books', async () => {
      const r = await c.get({ collectionName: 'books', id: [7, 3, 99, 0, 3], outputFields: ['title'] });
      expect(r.data).toEqual([{ id: 7, title: 't7' }, { id: 3, title: 't3' }, { id: 0, title: 't0' }]);
      expect((await c.get({ collectionName: 'books', id: 4 })).data).toEqual([{ id: 4, title: 't4', vec: vec(4) }]);
      expect((await c.get({ collectionName: 'books', id: '5', outputFields: ['id'] })).data).toEqual([{ id: 5 }]);
    });
  });

  it('query: limit, offset, outputFields, * and count(*)', async () => {
    const { c } = await tmp.openKind(kind);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 12, (i) => ({ even: i % 2 === 0 })) });
    await c.insert({ collectionName: 'books', data: bookRows(12, 20, (i) => ({ even: i % 2 === 0 })) });
    await flushAnd(c, 'books', async () => {
      expect(await count(c, 'books')).toBe(20);
      expect(await count(c, 'books', 'id >= 5 and id < 15')).toBe(10);
      expect(await count(c, 'books', 'even == true')).toBe(10);
      // Pages of 6 cover every row exactly once.
      const seen: unknown[] = [];
      for (let offset = 0; offset < 20; offset += 6) {
        const page = (await c.query({ collectionName: 'books', filter: 'id >= 0', limit: 6, offset, outputFields: ['id'] })).data as Row[];
        expect(page).toHaveLength(Math.min(6, 20 - offset));
        seen.push(...ids(page));
      }
      expect([...seen].sort((a, b) => (a as number) - (b as number))).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect((await c.query({ collectionName: 'books', filter: 'id >= 0', limit: 5, offset: 18 })).data).toHaveLength(2);
      expect((await c.query({ collectionName: 'books', filter: 'id >= 0', limit: 5, offset: 20 })).data).toEqual([]);
      // Default limit is 100 (Milvus), so all 20 come back.
      expect((await c.query({ collectionName: 'books', filter: '' })).data).toHaveLength(20);
      const one = (await c.query({ collectionName: 'books', filter: 'id == 3', outputFields: ['title'] })).data;
      expect(one).toEqual([{ id: 3, title: 't3' }]);
      const star = (await c.query({ collectionName: 'books', filter: 'id == 4', outputFields: ['*'] })).data;
      expect(star).toEqual([{ id: 4, title: 't4', vec: vec(4), even: true }]);
      const dyn = (await c.query({ collectionName: 'books', filter: 'id == 4', outputFields: ['even', 'title'] })).data;
      expect(dyn).toEqual([{ id: 4, title: 't4', even: true }]);
    });
  });

  it('upsert replaces the row of an existing key and inserts new keys', async () => {
    const { c } = await tmp.openKind(kind);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 5) });
    await c.flush({ collectionName: 'books' }); // the old versions are in a sealed segment
    const r = await c.upsert({ collectionName: 'books', data: [{ id: 2, title: 'new2', vec: vec(20), tag: 'u' }, { id: 7, title: 't7', vec: vec(7) }] });
    expect(r.data).toEqual({ upsertCount: 2, upsertIds: [2, 7] });
    await flushAnd(c, 'books', async () => {
      expect(await count(c, 'books')).toBe(6);
      expect((await c.get({ collectionName: 'books', id: 2, outputFields: ['*'] })).data).toEqual([{ id: 2, title: 'new2', vec: vec(20), tag: 'u' }]);
      expect(await count(c, 'books', 'title == "t2"')).toBe(0);
      expect(ids(await allRows(c, 'books'))).toEqual([0, 1, 2, 3, 4, 7]);
    });
  });

  it('upsert moves a key across partitions', async () => {
    const { c } = await tmp.openKind(kind);
    await createBooks(c);
    await c.createPartition({ collectionName: 'books', partitionName: 'p1' });
    await c.createPartition({ collectionName: 'books', partitionName: 'p2' });
    await c.insert({ collectionName: 'books', partitionName: 'p1', data: bookRows(0, 3) });
    await c.upsert({ collectionName: 'books', partitionName: 'p2', data: [{ id: 1, title: 'moved', vec: vec(1) }] });
    await flushAnd(c, 'books', async () => {
      expect(await count(c, 'books')).toBe(3);
      expect(ids(sortById((await c.query({ collectionName: 'books', filter: '', partitionNames: ['p1'] })).data as Row[]))).toEqual([0, 2]);
      expect((await c.query({ collectionName: 'books', filter: '', partitionNames: ['p2'], outputFields: ['title'] })).data).toEqual([{ id: 1, title: 'moved' }]);
    });
  });

  it('insert of an existing primary key replaces it (latest timestamp wins, as upsert) — within a batch too', async () => {
    const { c } = await tmp.openKind(kind);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 3) });
    await c.insert({ collectionName: 'books', data: [{ id: 1, title: 'second', vec: vec(1) }] });
    await c.insert({ collectionName: 'books', data: [{ id: 2, title: 'x', vec: vec(2) }, { id: 2, title: 'last-in-batch', vec: vec(2) }] });
    await flushAnd(c, 'books', async () => {
      expect(await count(c, 'books')).toBe(3);
      expect((await c.get({ collectionName: 'books', id: [1, 2], outputFields: ['title'] })).data).toEqual([{ id: 1, title: 'second' }, { id: 2, title: 'last-in-batch' }]);
    });
    // A newer insert still wins over a version already flushed.
    await c.insert({ collectionName: 'books', data: [{ id: 1, title: 'third', vec: vec(1) }] });
    expect((await c.get({ collectionName: 'books', id: 1, outputFields: ['title'] })).data).toEqual([{ id: 1, title: 'third' }]);
    expect(await count(c, 'books')).toBe(3);
  });

  it('a key repeated in one batch keeps its last row, also when the copies route to different partition-key partitions', async () => {
    const { c, dir } = await tmp.openKind(kind);
    await c.createCollection({
      collectionName: 'pk',
      schema: {
        fields: [
          { fieldName: 'id', dataType: 'Int64', isPrimary: true },
          { fieldName: 'tenant', dataType: 'VarChar', isPartitionKey: true, elementTypeParams: { max_length: 8 } },
          { fieldName: 'v', dataType: 'FloatVector', elementTypeParams: { dim: 2 } },
        ],
      },
      indexParams: [{ fieldName: 'v' }],
    });
    // Ten keys, each written twice in one batch with different tenants: the second copy must win.
    const data = Array.from({ length: 10 }, (_, k) => [{ id: k, tenant: `a${k}`, v: [0, 0] }, { id: k, tenant: `b${k}`, v: [1, 1] }]).flat();
    expect((await c.insert({ collectionName: 'pk', data })).data.insertCount).toBe(20);
    const expected = Array.from({ length: 10 }, (_, k) => ({ id: k, tenant: `b${k}` }));
    const check = async (cl: Client) => expect(sortById((await cl.query({ collectionName: 'pk', filter: '', outputFields: ['tenant'] })).data as Row[])).toEqual(expected);
    await flushAnd(c, 'pk', () => check(c));
    if (dir !== undefined) {
      await c.close();
      await check(await tmp.open(dir));
    }
  });

  it('delete by ids and by filter; deleted rows never come back', async () => {
    const { c } = await tmp.openKind(kind);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 10, (i) => ({ group: i < 5 ? 'a' : 'b' })) });
    await c.flush({ collectionName: 'books' });
    await c.insert({ collectionName: 'books', data: bookRows(10, 15, () => ({ group: 'c' })) });
    expect((await c.delete({ collectionName: 'books', ids: [1, 11] })).data.deleteCount).toBe(2);
    expect((await c.delete({ collectionName: 'books', filter: 'id in [2, 12]' })).data.deleteCount).toBe(2);
    expect((await c.delete({ collectionName: 'books', filter: 'group == "b" and id < 7' })).data.deleteCount).toBe(2); // 5, 6
    const left = [0, 3, 4, 7, 8, 9, 10, 13, 14];
    await flushAnd(c, 'books', async () => {
      expect(ids(await allRows(c, 'books'))).toEqual(left);
      expect((await c.get({ collectionName: 'books', id: [1, 2, 5, 6, 11, 12] })).data).toEqual([]);
      expect(await count(c, 'books', 'group == "b"')).toBe(3);
      expect(await count(c, 'books')).toBe(left.length);
    });
    // Deleting what is already gone deletes nothing more.
    await c.delete({ collectionName: 'books', ids: [1, 2] });
    expect(await count(c, 'books')).toBe(left.length);
  });

  it('delete with partitionName deletes only rows of that partition (by ids and by filter alike)', async () => {
    const { c } = await tmp.openKind(kind);
    await createBooks(c);
    await c.createPartition({ collectionName: 'books', partitionName: 'p1' });
    await c.createPartition({ collectionName: 'books', partitionName: 'p2' });
    await c.insert({ collectionName: 'books', partitionName: 'p1', data: bookRows(0, 4) });
    await c.insert({ collectionName: 'books', partitionName: 'p2', data: bookRows(4, 8) });
    expect((await c.delete({ collectionName: 'books', partitionName: 'p2', ids: [0, 1, 4] })).data.deleteCount).toBe(1);
    expect((await c.delete({ collectionName: 'books', partitionName: 'p2', filter: 'id in [2, 5]' })).data.deleteCount).toBe(1);
    expect((await c.delete({ collectionName: 'books', partitionName: 'p1', filter: 'id >= 3' })).data.deleteCount).toBe(1);
    await flushAnd(c, 'books', async () => {
      expect(ids(await allRows(c, 'books'))).toEqual([0, 1, 2, 6, 7]);
    });
  });

  it('delete then re-insert of the same key returns the new row', async () => {
    const { c } = await tmp.openKind(kind);
    await createBooks(c);
    await c.insert({ collectionName: 'books', data: bookRows(0, 3) });
    await c.delete({ collectionName: 'books', ids: [1] });
    await c.flush({ collectionName: 'books' });
    await c.insert({ collectionName: 'books', data: [{ id: 1, title: 'again', vec: vec(1) }] });
    await c.delete({ collectionName: 'books', ids: [2] });
    await c.insert({ collectionName: 'books', data: [{ id: 2, title: 'again2', vec: vec(2) }] });
    await flushAnd(c, 'books', async () => {
      expect((await c.get({ collectionName: 'books', id: [1, 2], outputFields: ['title'] })).data).toEqual([{ id: 1, title: 'again' }, { id: 2, title: 'again2' }]);
      expect(await count(c, 'books')).toBe(3);
    });
  });
});
