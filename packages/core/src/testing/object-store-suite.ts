import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.js';
import type { ObjectStore } from '../storage/types.js';
import { expectQuiverError, expectSameBytes, patternBytes, useStore } from './harness.js';
import type { MakeStore } from './harness.js';

const text = (s: string) => new TextEncoder().encode(s);
const untext = (b: Uint8Array) => new TextDecoder().decode(b);

/** The conformance suite every {@link ObjectStore} implementation passes. */
export function objectStoreSuite(name: string, make: MakeStore<ObjectStore>): void {
  describe(`ObjectStore conformance: ${name}`, () => {
    const h = useStore(make);

    it('puts and gets byte-exact, including empty blobs', async () => {
      const s = h.store;
      const all = new Uint8Array(512).map((_, i) => i & 0xff);
      await s.put('db/c/p/1/data.qseg', all);
      await s.put('db/c/p/1/empty', new Uint8Array(0));
      expectSameBytes(await s.get('db/c/p/1/data.qseg'), all);
      expect((await s.get('db/c/p/1/empty')).length).toBe(0);
    });

    it('overwrites a path with the new blob', async () => {
      const s = h.store;
      await s.put('a/b', text('first, longer value'));
      await s.put('a/b', text('second'));
      expect(untext(await s.get('a/b'))).toBe('second');
      expect(await s.list('')).toEqual(['a/b']);
    });

    it('reports a missing path as KeyNotFound naming it', async () => {
      const s = h.store;
      await expectQuiverError(s.get('no/such/blob.bin'), ErrorCode.KeyNotFound, 'no/such/blob.bin');
      await s.put('no/such/other', text('x'));
      await expectQuiverError(s.get('no/such'), ErrorCode.KeyNotFound, 'no/such'); // a folder is not an object
      await expectQuiverError(s.get('no/such/other/deeper'), ErrorCode.KeyNotFound, 'no/such/other/deeper');
    });

    it('deletes, and deleting a missing path is fine', async () => {
      const s = h.store;
      await s.put('x/1', text('1'));
      await s.put('x/2', text('2'));
      await s.delete('x/1');
      await s.delete('x/1');
      await s.delete('never/was');
      await expectQuiverError(s.get('x/1'), ErrorCode.KeyNotFound, 'x/1');
      expect(await s.list('x/')).toEqual(['x/2']);
      await s.delete('x/2');
      expect(await s.list('')).toEqual([]);
      await s.put('x', text('a file where a folder was'));
      expect(untext(await s.get('x'))).toBe('a file where a folder was');
    });

    it('lists by prefix, sorted, with exact prefix edges', async () => {
      const s = h.store;
      const paths = ['db/coll/p/2/data.qseg', 'db/coll/p/10/data.qseg', 'db/col/x', 'db/coll0', 'db/coll/p/2/hnsw.idx', 'db2/a', 'B/up', 'é/文件.bin'];
      for (const p of paths) await s.put(p, text(p));
      expect(await s.list('')).toEqual([...paths].sort());
      expect(await s.list('db/')).toEqual(['db/col/x', 'db/coll/p/10/data.qseg', 'db/coll/p/2/data.qseg', 'db/coll/p/2/hnsw.idx', 'db/coll0']);
      expect(await s.list('db/col')).toEqual(['db/col/x', 'db/coll/p/10/data.qseg', 'db/coll/p/2/data.qseg', 'db/coll/p/2/hnsw.idx', 'db/coll0']);
      expect(await s.list('db/coll/')).toEqual(['db/coll/p/10/data.qseg', 'db/coll/p/2/data.qseg', 'db/coll/p/2/hnsw.idx']);
      expect(await s.list('db/coll/p/2/hnsw.idx')).toEqual(['db/coll/p/2/hnsw.idx']);
      expect(await s.list('db/coll/p/2/hnsw.idx/')).toEqual([]);
      expect(await s.list('db/coll/p/1')).toEqual(['db/coll/p/10/data.qseg']);
      expect(await s.list('db')).toEqual(['db/col/x', 'db/coll/p/10/data.qseg', 'db/coll/p/2/data.qseg', 'db/coll/p/2/hnsw.idx', 'db/coll0', 'db2/a']);
      expect(await s.list('é/')).toEqual(['é/文件.bin']);
      expect(await s.list('zzz/')).toEqual([]);
      expect(await s.list('../')).toEqual([]);
      expect(await s.list('/db')).toEqual([]);
      expect(untext(await s.get('é/文件.bin'))).toBe('é/文件.bin');
    });

    it('stores copies: neither the put nor the got bytes alias the store', async () => {
      const s = h.store;
      const blob = text('original');
      await s.put('c', blob);
      blob.fill(0);
      const got = await s.get('c');
      expect(untext(got)).toBe('original');
      got.fill(0);
      expect(untext(await s.get('c'))).toBe('original');
    });

    it('rejects invalid paths naming them', async () => {
      const s = h.store;
      for (const bad of ['', '/abs/path', 'a//b', 'a/', 'a/../b', '..', './a', 'a/./b', 'a\\b', 'nul\0byte']) {
        await expectQuiverError(s.put(bad, text('x')), ErrorCode.InvalidParameter, JSON.stringify(bad));
        await expectQuiverError(s.get(bad), ErrorCode.InvalidParameter, JSON.stringify(bad));
        await expectQuiverError(s.delete(bad), ErrorCode.InvalidParameter, JSON.stringify(bad));
      }
      await expectQuiverError(s.put(42 as unknown as string, text('x')), ErrorCode.InvalidParameter, 'path');
      await expectQuiverError(s.put('ok', 'not bytes' as unknown as Uint8Array), ErrorCode.InvalidParameter, '"ok"');
      await expectQuiverError(s.list(undefined as unknown as string), ErrorCode.InvalidParameter, 'prefix');
      expect(await s.list('')).toEqual([]);
    });

    it('refuses a path that is both an object and a folder of objects', async () => {
      const s = h.store;
      await s.put('seg/1/data', text('d'));
      await expectQuiverError(s.put('seg/1', text('x')), ErrorCode.InvalidParameter, '"seg/1"');
      await expectQuiverError(s.put('seg/1/data/more', text('x')), ErrorCode.InvalidParameter, '"seg/1/data/more"', '"seg/1/data"');
      expect(await s.list('')).toEqual(['seg/1/data']);
      await s.delete('seg/1/data');
      await s.put('seg/1', text('now a blob'));
      expect(await s.list('')).toEqual(['seg/1']);
    });

    it('round-trips a 16 MB blob', async () => {
      const s = h.store;
      const big = patternBytes(16 * 1024 * 1024 + 1, 11);
      await s.put('big/blob', big);
      expectSameBytes(await s.get('big/blob'), big);
      expectSameBytes(await (await h.reopen()).get('big/blob'), big);
    });

    it('handles concurrent puts and deletes', async () => {
      const s = h.store;
      const ops: Array<Promise<void>> = [];
      for (let i = 0; i < 40; i++) ops.push(s.put(`con/${i % 4}/${i}`, text(`v${i}`)));
      for (let i = 0; i < 5; i++) ops.push(s.put('con/same', text(`same${i}`)));
      await Promise.all(ops);
      expect((await s.list('con/')).length).toBe(41);
      expect(['same0', 'same1', 'same2', 'same3', 'same4']).toContain(untext(await s.get('con/same')));
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? s.delete(`con/${i % 4}/${i}`) : s.put(`con/${i % 4}/${i}`, text('again')))));
      const left = await s.list('con/');
      expect(left.length).toBe(21);
      for (const p of left.filter((q) => q !== 'con/same')) expect(untext(await s.get(p))).toBe('again');
    });

    it('keeps blobs and deletions across reopen', async () => {
      let s = h.store;
      await s.put('keep/a', text('a'));
      await s.put('keep/b', text('b'));
      await s.put('drop/c', text('c'));
      await s.delete('drop/c');
      s = await h.reopen();
      expect(await s.list('')).toEqual(['keep/a', 'keep/b']);
      expect(untext(await s.get('keep/b'))).toBe('b');
      await expectQuiverError(s.get('drop/c'), ErrorCode.KeyNotFound, 'drop/c');
    });

    it('refuses every call after close, and close twice is fine', async () => {
      const s = h.store;
      await s.put('k', text('v'));
      await s.close();
      await s.close();
      await expectQuiverError(s.get('k'), ErrorCode.Closed);
      await expectQuiverError(s.put('k', text('v')), ErrorCode.Closed);
      await expectQuiverError(s.delete('k'), ErrorCode.Closed);
      await expectQuiverError(s.list(''), ErrorCode.Closed);
    });
  });
}
