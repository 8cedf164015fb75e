import { mkdtemp, open, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, crc32 } from '@quiver/core';
import { expectQuiverError } from '@quiver/core/testing';
import { CATALOG_FILE, FileMetaStore } from './file-meta-store.js';

let dir: string;
const catalog = () => join(dir, CATALOG_FILE);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quiver-meta-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

async function storeOf(entries: Record<string, string>): Promise<void> {
  const s = await FileMetaStore.open(dir);
  for (const [k, v] of Object.entries(entries)) await s.put(k, v);
  await s.close();
}

describe('FileMetaStore on disk', () => {
  it('writes the catalog exactly as docs/formats.md lays it out', async () => {
    await storeOf({ b: '2', a: '1' });
    const b = await readFile(catalog());
    expect(b.subarray(0, 4).toString('latin1')).toBe('QMET');
    expect(b.readUInt16LE(4)).toBe(1);
    expect(b.readUInt32LE(10)).toBe(b.length - 14);
    expect(b.readUInt32LE(6)).toBe(crc32(b.subarray(14), crc32(b.subarray(10, 14), crc32(b.subarray(4, 6)))));
    expect(JSON.parse(b.subarray(14).toString('utf8'))).toEqual([['a', '1'], ['b', '2']]);
  });

  it('reports a flipped byte anywhere in the catalog as Corrupted naming the file', async () => {
    await storeOf({ 'collections/c1': '{"dim":8}', 'segments/1': '{"rows":10}' });
    const good = await readFile(catalog());
    for (const at of [0, 4, 6, 11, 14, good.length - 2]) {
      const bad = Buffer.from(good);
      bad[at] = bad[at]! ^ 0x01;
      await writeFile(catalog(), bad);
      await expectQuiverError(FileMetaStore.open(dir), ErrorCode.Corrupted, catalog());
    }
    await writeFile(catalog(), good.subarray(0, good.length - 1));
    await expectQuiverError(FileMetaStore.open(dir), ErrorCode.Corrupted, catalog(), 'length');
    await writeFile(catalog(), good.subarray(0, 9));
    await expectQuiverError(FileMetaStore.open(dir), ErrorCode.Corrupted, catalog(), 'header');
    await writeFile(catalog(), good);
    const s = await FileMetaStore.open(dir);
    expect(await s.get('segments/1')).toBe('{"rows":10}');
    await s.close();
  });

  it('ignores and removes the tmp file a crashed write left behind', async () => {
    await storeOf({ k: 'durable' });
    await writeFile(`${catalog()}.tmp`, 'half a snapshot');
    const s = await FileMetaStore.open(dir);
    expect(await s.scan('')).toEqual([['k', 'durable']]);
    expect(await readdir(dir)).toEqual([CATALOG_FILE]);
    await s.close();
  });

  it('keeps every concurrent write across reopen', async () => {
    const s = await FileMetaStore.open(dir);
    await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 10 === 9 ? s.delete(`k/${i - 1}`) : s.put(`k/${i}`, `v${i}`))));
    await s.close();
    const again = await FileMetaStore.open(dir);
    const keys = (await again.scan('k/')).map(([k]) => k);
    expect(keys.length).toBe(80);
    expect(keys).not.toContain('k/8');
    await again.close();
  });

  it('rejects a failed write with IoFailed and keeps the previous state', async () => {
    const s = await FileMetaStore.open(dir);
    await s.put('k', 'old');
    const probe = await open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
    await probe.close();
    await rm(join(dir, 'probe'));
    vi.spyOn(proto, 'sync').mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    await expectQuiverError(s.put('k', 'new'), ErrorCode.IoFailed, catalog(), 'EIO');
    expect(await s.get('k')).toBe('old');
    await s.put('other', 'fine');
    await s.close();
    const again = await FileMetaStore.open(dir);
    expect(await again.scan('')).toEqual([['k', 'old'], ['other', 'fine']]);
    await again.close();
  });
});
