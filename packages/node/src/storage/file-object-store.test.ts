import { mkdir, mkdtemp, open, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode } from '@quiver/core';
import { expectQuiverError } from '@quiver/core/testing';
import { FileObjectStore } from './file-object-store.js';

const text = (s: string) => new TextEncoder().encode(s);
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quiver-objects-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('FileObjectStore on disk', () => {
  it('keeps blobs as plain files under objects/ and prunes emptied folders', async () => {
    const s = await FileObjectStore.open(dir);
    await s.put('db/c/p/7/data.qseg', text('segment bytes'));
    await s.put('db/c/p/8/data.qseg', text('other'));
    expect((await readFile(join(dir, 'objects', 'db', 'c', 'p', '7', 'data.qseg'))).toString()).toBe('segment bytes');
    await s.delete('db/c/p/7/data.qseg');
    expect(await readdir(join(dir, 'objects', 'db', 'c', 'p'))).toEqual(['8']);
    await s.delete('db/c/p/8/data.qseg');
    expect(await readdir(join(dir, 'objects'))).toEqual([]);
    expect(await readdir(join(dir, 'objects.tmp'))).toEqual([]);
    await s.close();
  });

  it('names the file on disk: locate() for error messages, and a missing object', async () => {
    const s = await FileObjectStore.open(dir);
    const file = join(dir, 'objects', '1', '100', '101', '102', 'data.qseg');
    expect(s.locate('1/100/101/102/data.qseg')).toBe(file);
    await expectQuiverError(() => s.locate('../etc/passwd'), ErrorCode.InvalidParameter, 'has a ".." segment');
    await expectQuiverError(s.get('1/100/101/102/data.qseg'), ErrorCode.KeyNotFound, `object "1/100/101/102/data.qseg" not found (no file ${file})`);
    await s.close();
  });

  it('ignores and removes tmp files a crashed put left behind', async () => {
    const s = await FileObjectStore.open(dir);
    await s.put('kept', text('durable'));
    await s.close();
    await writeFile(join(dir, 'objects.tmp', '0123456789abcdef.tmp'), 'half a blob');
    const again = await FileObjectStore.open(dir);
    expect(await readdir(join(dir, 'objects.tmp'))).toEqual([]);
    expect(await again.list('')).toEqual(['kept']);
    await again.close();
  });

  it('puts over an empty folder a crashed delete left behind', async () => {
    const s = await FileObjectStore.open(dir);
    await mkdir(join(dir, 'objects', 'seg', '1'), { recursive: true });
    await s.put('seg/1', text('blob'));
    expect((await stat(join(dir, 'objects', 'seg', '1'))).isFile()).toBe(true);
    await s.close();
  });

  it('rejects a failed write with IoFailed naming the path and keeps the old blob', async () => {
    const s = await FileObjectStore.open(dir);
    await s.put('a/b', text('old'));
    const probe = await open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { write: () => Promise<unknown> };
    await probe.close();
    vi.spyOn(proto, 'write').mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    await expectQuiverError(s.put('a/b', text('new')), ErrorCode.IoFailed, '"a/b"', 'ENOSPC');
    expect(new TextDecoder().decode(await s.get('a/b'))).toBe('old');
    expect(await readdir(join(dir, 'objects.tmp'))).toEqual([]);
    await s.close();
  });
});
