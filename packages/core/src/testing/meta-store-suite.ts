import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.js';
import type { MetaOp, MetaStore } from '../storage/types.js';
import { expectQuiverError, useStore } from './harness.js';
import type { MakeStore } from './harness.js';

/** The conformance suite every {@link MetaStore} implementation passes. */
export function metaStoreSuite(name: string, make: MakeStore<MetaStore>): void {
  describe(`MetaStore conformance: ${name}`, () => {
    const h = useStore(make);

    it('returns undefined for a missing key', async () => {
      expect(await h.store.get('nope')).toBeUndefined();
    });

    it('puts, overwrites and deletes', async () => {
      const s = h.store;
      await s.put('k', 'v1');
      expect(await s.get('k')).toBe('v1');
      await s.put('k', 'v2');
      expect(await s.get('k')).toBe('v2');
      await s.delete('k');
      expect(await s.get('k')).toBeUndefined();
      await s.delete('k'); // deleting a missing key is not an error
      expect(await s.scan('')).toEqual([]);
    });

    it('keeps empty, unicode and large values exactly', async () => {
      const s = h.store;
      const big = 'x'.repeat(1 << 20) + '\u{1F600}';
      const odd = 'é\u0000"\\\n\u2028\uD800 lone surrogate';
      await s.put('empty', '');
      await s.put('big', big);
      await s.put('odd', odd);
      await s.put('ключ/名前', 'unicode key');
      expect(await s.get('empty')).toBe('');
      expect(await s.get('big')).toBe(big);
      expect(await s.get('odd')).toBe(odd);
      expect(await s.get('ключ/名前')).toBe('unicode key');
    });

    it('scans by prefix in UTF-16 code unit order', async () => {
      const s = h.store;
      // U+1F600 is stored as surrogates D83D DE00, so it sorts before U+FFFF in code unit order.
      const keys = ['b', 'a/2', 'a/10', 'a0', 'a/1', 'a', 'B', 'é', '\u{1F600}', '\uFFFF', 'a/1/x'];
      for (const k of keys) await s.put(k, `v:${k}`);
      const all = await s.scan('');
      expect(all.map(([k]) => k)).toEqual(['B', 'a', 'a/1', 'a/1/x', 'a/10', 'a/2', 'a0', 'b', 'é', '\u{1F600}', '\uFFFF']);
      expect(all.every(([k, v]) => v === `v:${k}`)).toBe(true);
      expect((await s.scan('a/')).map(([k]) => k)).toEqual(['a/1', 'a/1/x', 'a/10', 'a/2']);
      expect((await s.scan('a/1')).map(([k]) => k)).toEqual(['a/1', 'a/1/x', 'a/10']);
      expect((await s.scan('a')).map(([k]) => k)).toEqual(['a', 'a/1', 'a/1/x', 'a/10', 'a/2', 'a0']);
      expect((await s.scan('a/1/x'))).toEqual([['a/1/x', 'v:a/1/x']]);
      expect(await s.scan('a/1/x/')).toEqual([]);
      expect(await s.scan('c')).toEqual([]);
      expect(await s.scan('A')).toEqual([]);
      expect((await s.scan('\uD83D')).map(([k]) => k)).toEqual(['\u{1F600}']);
      expect((await s.scan('\uFFFF')).map(([k]) => k)).toEqual(['\uFFFF']);
    });

    it('scan results are copies', async () => {
      const s = h.store;
      await s.put('p/1', 'one');
      const first = await s.scan('p/');
      first[0]![1] = 'changed';
      first.push(['p/2', 'two']);
      expect(await s.scan('p/')).toEqual([['p/1', 'one']]);
    });

    it('applies a batch in order, all at once', async () => {
      const s = h.store;
      await s.put('gone', 'x');
      await s.put('kept', 'y');
      const ops: MetaOp[] = [
        { type: 'put', key: 'n/1', value: 'a' },
        { type: 'put', key: 'n/2', value: 'b' },
        { type: 'delete', key: 'gone' },
        { type: 'put', key: 'twice', value: 'first' },
        { type: 'put', key: 'twice', value: 'second' },
        { type: 'put', key: 'flip', value: 'x' },
        { type: 'delete', key: 'flip' },
        { type: 'delete', key: 'never-there' },
      ];
      await s.batch(ops);
      expect(await s.scan('')).toEqual([['kept', 'y'], ['n/1', 'a'], ['n/2', 'b'], ['twice', 'second']]);
      await s.batch([]);
      expect((await s.scan('')).length).toBe(4);
    });

    it('rejects a batch with a bad op and applies none of it', async () => {
      const s = h.store;
      await s.put('k', 'old');
      const bad = [
        { type: 'put', key: 'k', value: 'new' },
        { type: 'delete', key: 'other' },
        { type: 'put', key: 'n', value: 42 },
      ] as unknown as MetaOp[];
      await expectQuiverError(s.batch(bad), ErrorCode.InvalidParameter, '#2', '"n"');
      await expectQuiverError(s.batch([{ type: 'merge', key: 'k' }] as unknown as MetaOp[]), ErrorCode.InvalidParameter, '#0');
      await expectQuiverError(s.batch([{ type: 'delete', key: '' }]), ErrorCode.InvalidParameter, '#0');
      await expectQuiverError(s.batch('nope' as unknown as MetaOp[]), ErrorCode.InvalidParameter, 'array');
      expect(await s.scan('')).toEqual([['k', 'old']]);
    });

    it('rejects bad keys and values naming them', async () => {
      const s = h.store;
      await expectQuiverError(s.put('', 'v'), ErrorCode.InvalidParameter, 'key');
      await expectQuiverError(s.put('k', undefined as unknown as string), ErrorCode.InvalidParameter, '"k"');
      await expectQuiverError(s.put(7 as unknown as string, 'v'), ErrorCode.InvalidParameter, 'key');
      await expectQuiverError(s.get(null as unknown as string), ErrorCode.InvalidParameter, 'key');
      await expectQuiverError(s.delete('' as string), ErrorCode.InvalidParameter, 'key');
      await expectQuiverError(s.scan(undefined as unknown as string), ErrorCode.InvalidParameter, 'prefix');
      expect(await s.scan('')).toEqual([]);
    });

    it('serializes concurrent writes in call order', async () => {
      const s = h.store;
      const writes: Array<Promise<void>> = [];
      for (let i = 0; i < 50; i++) {
        writes.push(s.put(`c/${String(i).padStart(2, '0')}`, `v${i}`));
        writes.push(s.put('same', `v${i}`));
      }
      writes.push(s.batch([{ type: 'delete', key: 'c/00' }, { type: 'put', key: 'c/50', value: 'v50' }]));
      await Promise.all(writes);
      const c = await s.scan('c/');
      expect(c.length).toBe(50);
      expect(c[0]).toEqual(['c/01', 'v1']);
      expect(c[49]).toEqual(['c/50', 'v50']);
      expect(await s.get('same')).toBe('v49');
    });

    it('holds a few thousand keys', async () => {
      const s = h.store;
      const ops: MetaOp[] = [];
      for (let i = 0; i < 3000; i++) ops.push({ type: 'put', key: `seg/${i}`, value: JSON.stringify({ id: i, rows: i * 7 }) });
      await s.batch(ops);
      await s.put('seg/42', 'changed');
      const all = await s.scan('seg/');
      expect(all.length).toBe(3000);
      expect(all.map(([k]) => k)).toEqual(ops.map((o) => o.key).sort());
      expect(await s.get('seg/42')).toBe('changed');
      expect(await s.get('seg/2999')).toBe(JSON.stringify({ id: 2999, rows: 2999 * 7 }));
    });

    it('keeps puts, deletes and batches across reopen', async () => {
      let s = h.store;
      await s.put('a', '1');
      await s.put('b', '2');
      await s.delete('a');
      await s.batch([{ type: 'put', key: 'c', value: '3' }, { type: 'put', key: 'd', value: '4' }, { type: 'delete', key: 'd' }]);
      s = await h.reopen();
      expect(await s.scan('')).toEqual([['b', '2'], ['c', '3']]);
      await s.put('e', '5');
      s = await h.reopen();
      expect(await s.scan('')).toEqual([['b', '2'], ['c', '3'], ['e', '5']]);
    });

    it('refuses every call after close, and close twice is fine', async () => {
      const s = h.store;
      await s.put('k', 'v');
      await s.close();
      await s.close();
      await expectQuiverError(s.get('k'), ErrorCode.Closed);
      await expectQuiverError(s.put('k', 'v'), ErrorCode.Closed);
      await expectQuiverError(s.delete('k'), ErrorCode.Closed);
      await expectQuiverError(s.scan(''), ErrorCode.Closed);
      await expectQuiverError(s.batch([]), ErrorCode.Closed);
    });
  });
}
