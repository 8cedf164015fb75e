import { describe, expect, it } from 'vitest';
import { ErrorCode, QuiverError } from '../errors.js';
import { withObjectLocations } from './locate.js';
import { MemoryObjectStore } from './memory-object-store.js';
import type { ObjectStore } from './types.js';

/** A memory store that says its objects live under /data/objects. */
async function locatingStore(): Promise<ObjectStore> {
  const s = new MemoryObjectStore();
  await s.put('1/100/101/102/data.qseg', new Uint8Array([1]));
  await s.put('1/100/101/102/vector.qidx', new Uint8Array([2]));
  return Object.assign(s, { locate: (p: string) => `/data/objects/${p}` });
}

const message = async (e: unknown, s: ObjectStore): Promise<string> => ((await withObjectLocations(e, s)) as Error).message;

describe('withObjectLocations', () => {
  it('adds the location after each existing object path, after its closing quote when quoted', async () => {
    const s = await locatingStore();
    const seg = new QuiverError(ErrorCode.Corrupted, 'corrupted file 1/100/101/102/data.qseg: checksum mismatch');
    const out = await withObjectLocations(seg, s);
    expect((out as QuiverError).code).toBe(ErrorCode.Corrupted);
    expect((out as Error).message).toBe('corrupted file 1/100/101/102/data.qseg (at /data/objects/1/100/101/102/data.qseg): checksum mismatch');
    expect((out as Error).cause).toBe(seg);
    expect(await message(new QuiverError(ErrorCode.Corrupted, "ANN index '1/100/101/102/vector.qidx' is corrupted"), s)).toBe(
      "ANN index '1/100/101/102/vector.qidx' (at /data/objects/1/100/101/102/vector.qidx) is corrupted",
    );
    expect(await message(new QuiverError(ErrorCode.SegmentLoadFailed, 'load of "1/100/101/102/data.qseg" failed: 1/100/101/102/data.qseg is short'), s)).toBe(
      'load of "1/100/101/102/data.qseg" (at /data/objects/1/100/101/102/data.qseg) failed: 1/100/101/102/data.qseg (at /data/objects/1/100/101/102/data.qseg) is short',
    );
  });

  it('leaves alone other errors, paths of objects that do not exist, and stores that cannot locate', async () => {
    const s = await locatingStore();
    const other = new QuiverError(ErrorCode.InvalidParameter, 'bad 1/100/101/102/data.qseg');
    expect(await withObjectLocations(other, s)).toBe(other);
    const absent = new QuiverError(ErrorCode.Corrupted, 'corrupted file 1/100/101/999/data.qseg and a/b words');
    expect(await withObjectLocations(absent, s)).toBe(absent);
    const plain = new MemoryObjectStore();
    await plain.put('1/100/101/102/data.qseg', new Uint8Array([1]));
    const seg = new QuiverError(ErrorCode.Corrupted, 'corrupted file 1/100/101/102/data.qseg');
    expect(await withObjectLocations(seg, plain)).toBe(seg);
    const notQuiver = new Error('1/100/101/102/data.qseg');
    expect(await withObjectLocations(notQuiver, s)).toBe(notQuiver);
  });

  it('does not repeat a location the message already gives', async () => {
    const s = await locatingStore();
    const e = new QuiverError(ErrorCode.KeyNotFound, 'object "1/100/101/102/data.qseg" not found (no file /data/objects/1/100/101/102/data.qseg)');
    expect(await withObjectLocations(e, s)).toBe(e);
  });
});
