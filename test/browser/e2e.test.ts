import { expect, it } from 'vitest';
import { OpfsObjectStore } from '@quiver/browser';
import { booksCollection, row, useDatabases, vector } from './helpers.js';

// The whole engine in a page on idb:// storage: DDL, 5,000 inserted rows, a filtered query, vector
// search, flush (segment + HNSW files in OPFS), close, reopen, and the same answers.
const db = useDatabases();

it('creates, inserts 5k rows, queries, searches, flushes, and answers the same after reopening', async () => {
  const uri = db.uri();
  let c = await db.open(uri);
  await c.createCollection(booksCollection());
  for (let i = 0; i < 5000; i += 1000) {
    const res = await c.insert({ collectionName: 'books', data: Array.from({ length: 1000 }, (_, k) => row(i + k)) });
    expect(res.data.insertCount).toBe(1000);
  }
  const query = { collectionName: 'books', filter: 'year >= 2020 and title like "Book 4%"', outputFields: ['id', 'title', 'year'], limit: 100 };
  const search = { collectionName: 'books', data: [vector(1234), vector(4321)], annsField: 'vec', limit: 5, outputFields: ['title'] };
  const count = { collectionName: 'books', filter: '', outputFields: ['count(*)'] };

  const q1 = await c.query(query);
  const want = Array.from({ length: 5000 }, (_, i) => row(i)).filter((r) => r.year >= 2020 && r.title.startsWith('Book 4'));
  expect(q1.data.map((r) => r.id).sort((a, b) => Number(a) - Number(b))).toEqual(want.map((r) => r.id));
  expect(want.length).toBeGreaterThan(10);

  const s1 = await c.search(search);
  expect(s1.data.map((h) => h.id).filter((_, i) => i % 5 === 0)).toEqual([1234, 4321]);

  await c.flush({ collectionName: 'books' });
  await c.waitForIdle(); // the HNSW index of the flushed segment is built
  const q2 = await c.query(query);
  const s2 = await c.search(search);
  expect(q2.data).toEqual(q1.data);
  expect(s2.data.map((h) => h.id).filter((_, i) => i % 5 === 0)).toEqual([1234, 4321]);
  expect((await c.query(count)).data).toEqual([{ 'count(*)': 5000 }]);
  await c.close();

  // The flushed segment and its index are files in OPFS.
  const files = await OpfsObjectStore.open(uri.slice('idb://'.length)).then(async (s) => {
    try {
      return await s.list('');
    } finally {
      await s.close();
    }
  });
  expect(files.some((f) => f.endsWith('/data.qseg'))).toBe(true);
  expect(files.some((f) => f.endsWith('/vec.qidx'))).toBe(true);

  c = await db.open(uri);
  await c.waitForIdle();
  expect(await c.query(query)).toEqual(q2);
  expect(await c.search(search)).toEqual(s2);
  expect((await c.query(count)).data).toEqual([{ 'count(*)': 5000 }]);
  expect((await c.describeCollection({ collectionName: 'books' })).data).toMatchObject({ collectionName: 'books' });
});

it("runs the README's browser example (quick setup)", async () => {
  const uri = db.uri();
  const c = await db.open(uri);
  await c.createCollection({ collectionName: 'books', dimension: 8 });
  await c.insert({ collectionName: 'books', data: [{ id: 1, vector: [1, 0, 0, 0, 0, 0, 0, 0] }] });
  const hits = await c.search({ collectionName: 'books', data: [[1, 0, 0, 0, 0, 0, 0, 0]], limit: 3 });
  expect(hits.data.map((h) => h.id)).toEqual([1]);
});
