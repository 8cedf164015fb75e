import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@quiver/core';
import { expectQuiverError } from '@quiver/core/testing';
import { openFileStorage } from './file-storage.js';

let dir: string;
const lockFile = () => join(dir, 'LOCK');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quiver-folder-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts a Node process that idles; resolves once it runs. */
async function idleProcess() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  return child;
}

describe('openFileStorage', () => {
  it('lays out the folder and holds LOCK with our pid until closed', async () => {
    const s = await openFileStorage(join(dir, 'db'));
    expect((await readdir(join(dir, 'db'))).sort()).toEqual(['LOCK', 'objects', 'objects.tmp', 'wal']);
    expect((await readFile(join(dir, 'db', 'LOCK'), 'utf8')).trim()).toBe(String(process.pid));
    await s.meta.put('k', 'v');
    await s.close();
    expect((await readdir(join(dir, 'db'))).sort()).toEqual(['catalog.qmeta', 'objects', 'objects.tmp', 'wal']);
  });

  it('refuses a second open of the same folder in this process, until the first closes', async () => {
    const first = await openFileStorage(dir);
    await expectQuiverError(openFileStorage(join(dir, '.')), ErrorCode.Locked, dir);
    await first.close();
    const second = await openFileStorage(dir);
    await second.close();
  });

  it('refuses a folder locked by another live process, naming the folder', async () => {
    const other = await idleProcess();
    try {
      await writeFile(lockFile(), `${other.pid}\n`);
      await expectQuiverError(openFileStorage(dir), ErrorCode.Locked, dir, String(other.pid));
      expect((await readFile(lockFile(), 'utf8')).trim()).toBe(String(other.pid));
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over the lock of a process that died', async () => {
    const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeFile(lockFile(), `${gone.pid}\n`);
    const s = await openFileStorage(dir);
    expect((await readFile(lockFile(), 'utf8')).trim()).toBe(String(process.pid));
    await s.close();
    expect(await readdir(dir)).not.toContain('LOCK');
  });

  it('refuses a LOCK without a process id rather than guess', async () => {
    await writeFile(lockFile(), '');
    await expectQuiverError(openFileStorage(dir), ErrorCode.Locked, dir, 'no process id');
  });

  it('releases the lock when a store fails to open', async () => {
    const s = await openFileStorage(dir);
    await s.meta.put('k', 'v');
    await s.close();
    await writeFile(join(dir, 'catalog.qmeta'), 'not a catalog');
    await expectQuiverError(openFileStorage(dir), ErrorCode.Corrupted, join(dir, 'catalog.qmeta'));
    expect(await readdir(dir)).not.toContain('LOCK');
  });
});
