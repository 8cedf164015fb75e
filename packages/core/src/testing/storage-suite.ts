import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.js';
import type { Storage } from '../storage/types.js';
import { expectQuiverError, useStore } from './harness.js';
import type { MakeStore } from './harness.js';
import { readWal } from './wal-suite.js';

const text = (s: string) => new TextEncoder().encode(s);
const untext = (b: Uint8Array) => new TextDecoder().decode(b);

/** The conformance suite for a whole {@link Storage} (each store has its own suite too). */
export function storageSuite(name: string, make: MakeStore<Storage>): void {
  describe(`Storage conformance: ${name}`, () => {
    const h = useStore(make);

    it('offers a working meta store, WAL and object store, kept across reopen', async () => {
      let s = h.store;
      await s.meta.put('collections/c1', '{"name":"c1"}');
      expect(await s.wal.append([text('insert 1'), text('insert 2')])).toEqual([1, 2]);
      await s.objects.put('db/c1/p/1/data.qseg', text('segment'));
      s = await h.reopen();
      expect(await s.meta.get('collections/c1')).toBe('{"name":"c1"}');
      expect((await readWal(s.wal, 1)).map((e) => untext(e.data))).toEqual(['insert 1', 'insert 2']);
      expect(s.wal.nextLsn()).toBe(3);
      expect(untext(await s.objects.get('db/c1/p/1/data.qseg'))).toBe('segment');
    });

    it('close closes all three stores and may be called twice', async () => {
      const s = h.store;
      await s.close();
      await s.close();
      await expectQuiverError(s.meta.get('k'), ErrorCode.Closed);
      await expectQuiverError(s.wal.append([text('x')]), ErrorCode.Closed);
      await expectQuiverError(s.objects.list(''), ErrorCode.Closed);
    });
  });
}
