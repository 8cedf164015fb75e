import { link, open, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, QuiverError } from '@quiver/core';
import { errno, ioFailed } from './fs-util.js';

/** An exclusive hold on a data folder; {@link FolderLock.release} gives it up. */
export interface FolderLock {
  /** The LOCK file. */
  readonly path: string;
  /** Removes the LOCK file (if it is still ours). */
  release(): Promise<void>;
}

/** Folders this process holds: a second open in the same process must fail too. */
const held = new Set<string>();

/** The name of the lock file inside a data folder. */
export const LOCK_FILE = 'LOCK';

/**
 * Takes the exclusive lock of data folder `dir` (which must exist): creates `dir/LOCK` holding our
 * pid with flag `wx`. A LOCK naming a live process → QuiverError Locked naming the folder; one
 * naming a dead process (a crash, SIGKILL) is taken over.
 */
export async function lockFolder(dir: string): Promise<FolderLock> {
  const key = await realpath(dir).catch((e: unknown) => Promise.reject(ioFailed(`cannot lock data folder ${dir}`, e)));
  if (held.has(key)) throw new QuiverError(ErrorCode.Locked, `data folder ${dir} is already open in this process`);
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fh = await open(path, 'wx');
      try {
        await fh.writeFile(`${process.pid}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      held.add(key);
      return { path, release: () => release(path, key) };
    } catch (e) {
      if (errno(e) !== 'EEXIST') throw ioFailed(`cannot create lock file ${path}`, e);
    }
    const owner = await readPid(path);
    if (owner === 'gone') continue; // released meanwhile: try again
    if (owner === 'unreadable') {
      throw new QuiverError(ErrorCode.Locked, `data folder ${dir} is locked: ${path} holds no process id; remove it if no Quiver process uses this folder`);
    }
    // Our own pid here is a previous life of this pid (a container restart), since `held` lacks it.
    if (owner !== process.pid && isAlive(owner)) {
      throw new QuiverError(ErrorCode.Locked, `data folder ${dir} is locked by process ${owner} (${path})`);
    }
    await takeOver(path, owner);
  }
  throw new QuiverError(ErrorCode.Locked, `data folder ${dir}: could not take ${path}, other processes keep contending for it`);
}

/** Moves a stale LOCK aside; if what was moved turns out not to be the stale one, puts it back. */
async function takeOver(path: string, stalePid: number): Promise<void> {
  const aside = `${path}.${process.pid}.stale`;
  try {
    await rename(path, aside);
  } catch (e) {
    if (errno(e) === 'ENOENT') return;
    throw ioFailed(`cannot take over stale lock ${path}`, e);
  }
  if ((await readPid(aside)) !== stalePid) await link(aside, path).catch(() => undefined); // someone else's fresh lock
  await unlink(aside).catch(() => undefined);
}

async function release(path: string, key: string): Promise<void> {
  held.delete(key);
  if ((await readPid(path)) === process.pid) {
    await unlink(path).catch((e: unknown) => (errno(e) === 'ENOENT' ? undefined : Promise.reject(ioFailed(`cannot remove lock file ${path}`, e))));
  }
}

async function readPid(path: string): Promise<number | 'gone' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (errno(e) === 'ENOENT') return 'gone';
    throw ioFailed(`cannot read lock file ${path}`, e);
  }
  const pid = /^\s*(\d+)\s*$/.exec(text)?.[1];
  return pid === undefined || !Number.isSafeInteger(Number(pid)) || Number(pid) <= 0 ? 'unreadable' : Number(pid);
}

/** True when a process with this pid exists (EPERM: it exists but is not ours to signal). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === 'EPERM';
  }
}
