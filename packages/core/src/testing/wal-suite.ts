import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.js';
import type { Wal, WalEntry } from '../storage/types.js';
import { expectQuiverError, expectSameBytes, patternBytes, useStore } from './harness.js';
import type { MakeStore } from './harness.js';

/** Every entry of `wal` from `fromLsn` on, collected. */
export async function readWal(wal: Wal, fromLsn: number): Promise<WalEntry[]> {
  const out: WalEntry[] = [];
  for await (const e of wal.read(fromLsn)) out.push(e);
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);
const untext = (b: Uint8Array) => new TextDecoder().decode(b);

/** The conformance suite every {@link Wal} implementation passes. */
export function walSuite(name: string, make: MakeStore<Wal>): void {
  describe(`Wal conformance: ${name}`, () => {
    const h = useStore(make);

    it('starts empty at LSN 1', async () => {
      expect(h.store.nextLsn()).toBe(1);
      expect(await readWal(h.store, 0)).toEqual([]);
      expect(await readWal(h.store, 1)).toEqual([]);
    });

    it('gives consecutive LSNs from 1, per record, across appends', async () => {
      const w = h.store;
      expect(await w.append([text('a'), text('b'), text('c')])).toEqual([1, 2, 3]);
      expect(await w.append([text('d')])).toEqual([4]);
      expect(await w.append([])).toEqual([]);
      expect(w.nextLsn()).toBe(5);
      expect(await w.append([text('e'), text('f')])).toEqual([5, 6]);
      expect(w.nextLsn()).toBe(7);
    });

    it('reads from any LSN, in order, byte-exact', async () => {
      const w = h.store;
      const all = new Uint8Array(256).map((_, i) => i);
      await w.append([text('one'), new Uint8Array(0), all, text('four')]);
      await w.append([text('five')]);
      const got = await readWal(w, 1);
      expect(got.map((e) => e.lsn)).toEqual([1, 2, 3, 4, 5]);
      expect(untext(got[0]!.data)).toBe('one');
      expect(got[1]!.data.length).toBe(0);
      expectSameBytes(got[2]!.data, all);
      expect(untext(got[4]!.data)).toBe('five');
      expect((await readWal(w, 0)).length).toBe(5);
      for (let from = 1; from <= 5; from++) expect((await readWal(w, from)).map((e) => e.lsn)).toEqual([1, 2, 3, 4, 5].filter((l) => l >= from));
      expect(await readWal(w, 6)).toEqual([]);
      expect(await readWal(w, 1000)).toEqual([]);
    });

    it('stores copies: neither the appended nor the returned bytes alias the log', async () => {
      const w = h.store;
      const rec = text('original');
      await w.append([rec]);
      rec.fill(0);
      const [first] = await readWal(w, 1);
      expect(untext(first!.data)).toBe('original');
      first!.data.fill(0);
      expect(untext((await readWal(w, 1))[0]!.data)).toBe('original');
    });

    it('truncate drops records before the LSN and keeps everything from it', async () => {
      const w = h.store;
      for (let i = 1; i <= 10; i++) await w.append([text(`r${i}`)]);
      await w.truncate(0);
      await w.truncate(1);
      expect((await readWal(w, 1)).length).toBe(10);
      await w.truncate(6);
      expect((await readWal(w, 6)).map((e) => untext(e.data))).toEqual(['r6', 'r7', 'r8', 'r9', 'r10']);
      // Whole files at a time: older records may stay, but what is returned is a contiguous run to the end.
      const rest = await readWal(w, 1);
      expect(rest.map((e) => e.lsn)).toEqual(Array.from({ length: rest.length }, (_, i) => 11 - rest.length + i));
      expect(rest.length).toBeGreaterThanOrEqual(5);
      expect(w.nextLsn()).toBe(11);
      expect(await w.append([text('r11')])).toEqual([11]);
      expect((await readWal(w, 10)).map((e) => untext(e.data))).toEqual(['r10', 'r11']);
    });

    it('keeps LSNs after everything is truncated, and across reopen', async () => {
      let w = h.store;
      await w.append([text('a'), text('b'), text('c')]);
      await w.truncate(4);
      expect(w.nextLsn()).toBe(4);
      expect((await readWal(w, 4)).length).toBe(0);
      w = await h.reopen();
      expect(w.nextLsn()).toBe(4);
      expect(await w.append([text('d')])).toEqual([4]);
      await w.truncate(100); // past the end: drops what it may, never moves nextLsn
      expect(w.nextLsn()).toBe(5);
      w = await h.reopen();
      expect(w.nextLsn()).toBe(5);
      expect(await w.append([text('e')])).toEqual([5]);
      expect((await readWal(w, 5)).map((e) => untext(e.data))).toEqual(['e']);
    });

    it('keeps records across reopen', async () => {
      let w = h.store;
      await w.append([text('a'), text('b')]);
      await w.append([patternBytes(1000, 3)]);
      w = await h.reopen();
      const got = await readWal(w, 1);
      expect(got.map((e) => e.lsn)).toEqual([1, 2, 3]);
      expect(untext(got[1]!.data)).toBe('b');
      expectSameBytes(got[2]!.data, patternBytes(1000, 3));
      expect(await w.append([text('c')])).toEqual([4]);
    });

    it('round-trips an 8 MB record', async () => {
      const w = h.store;
      const big = patternBytes(8 * 1024 * 1024 + 3, 7);
      await w.append([text('before')]);
      expect(await w.append([big])).toEqual([2]);
      await w.append([text('after')]);
      const got = await readWal(await h.reopen(), 2);
      expect(got.map((e) => e.lsn)).toEqual([2, 3]);
      expectSameBytes(got[0]!.data, big);
      expect(untext(got[1]!.data)).toBe('after');
    });

    it('holds many small records', async () => {
      const w = h.store;
      const n = 20_000;
      for (let start = 0; start < n; start += 1000) {
        const batch = Array.from({ length: 1000 }, (_, i) => text(`record-${start + i}`.repeat(1 + ((start + i) % 3))));
        await w.append(batch);
      }
      expect(w.nextLsn()).toBe(n + 1);
      let expected = 1;
      for await (const e of (await h.reopen()).read(1)) {
        expect(e.lsn).toBe(expected);
        expect(untext(e.data)).toBe(`record-${expected - 1}`.repeat(1 + ((expected - 1) % 3)));
        expected++;
      }
      expect(expected).toBe(n + 1);
    });

    it('keeps issue order for appends that do not wait for each other', async () => {
      const w = h.store;
      const settled: number[] = [];
      const pending = Array.from({ length: 200 }, (_, i) => {
        const records = Array.from({ length: 1 + (i % 3) }, (_, j) => text(`${i}.${j}`));
        return w.append(records).then((lsns) => {
          settled.push(i);
          return lsns;
        });
      });
      const results = await Promise.all(pending);
      expect(settled).toEqual(Array.from({ length: 200 }, (_, i) => i));
      const flat = results.flat();
      expect(flat).toEqual(Array.from({ length: flat.length }, (_, i) => i + 1));
      results.forEach((lsns, i) => expect(lsns.length).toBe(1 + (i % 3)));
      const names = (await readWal(w, 1)).map((e) => untext(e.data));
      expect(names).toEqual(results.flatMap((lsns, i) => lsns.map((_, j) => `${i}.${j}`)));
    });

    it('rejects bad arguments naming them', async () => {
      const w = h.store;
      await expectQuiverError(w.append('x' as unknown as Uint8Array[]), ErrorCode.InvalidParameter, 'array');
      await expectQuiverError(w.append([text('ok'), [1, 2] as unknown as Uint8Array]), ErrorCode.InvalidParameter, '#1');
      await expectQuiverError(readWal(w, -1), ErrorCode.InvalidParameter, 'fromLsn');
      await expectQuiverError(readWal(w, 1.5), ErrorCode.InvalidParameter, 'fromLsn');
      await expectQuiverError(w.truncate(Number.NaN), ErrorCode.InvalidParameter, 'beforeLsn');
      expect(w.nextLsn()).toBe(1);
      expect(await w.append([text('ok')])).toEqual([1]);
    });

    it('finishes appends issued before close, then refuses every call', async () => {
      const w = h.store;
      const before = w.append([text('last')]);
      await w.close();
      expect(await before).toEqual([1]);
      await w.close();
      await expectQuiverError(w.append([text('x')]), ErrorCode.Closed);
      await expectQuiverError(readWal(w, 1), ErrorCode.Closed);
      await expectQuiverError(w.truncate(1), ErrorCode.Closed);
      await expectQuiverError(() => w.nextLsn(), ErrorCode.Closed);
      if (h.persistent) expect((await readWal(await h.reopen(), 1)).map((e) => untext(e.data))).toEqual(['last']);
    });
  });
}
