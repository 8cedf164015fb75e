import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as zlib from 'node:zlib';
import { ErrorCode, QuiverError, crc32 as portableCrc32 } from '@quiver/core';

/** CRC-32 (the zlib polynomial, same values as core's `crc32`): native zlib's where Node has it (≥ 20.15). */
export const crc32: (data: Uint8Array, value?: number) => number =
  typeof zlib.crc32 === 'function' ? (data, value = 0) => zlib.crc32(data, value) : portableCrc32;

/** The `code` of a Node system error (`ENOENT`, `ENOSPC`…), or undefined. */
export function errno(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Wraps a failed file operation as QuiverError IoFailed, naming what was being done. */
export function ioFailed(what: string, cause: unknown): QuiverError {
  if (cause instanceof QuiverError) return cause;
  return new QuiverError(ErrorCode.IoFailed, `${what}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
}

/** Makes a directory's entries (created, renamed, deleted files) durable. */
export async function fsyncDir(path: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync there
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** `mkdir -p` whose new directories survive a crash: fsyncs the parent of every directory it created. */
export async function mkdirDurable(dir: string): Promise<void> {
  const path = resolve(dir);
  const first = await mkdir(path, { recursive: true });
  if (first === undefined) return;
  const toSync: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    toSync.push(dirname(p));
    if (p === first || dirname(p) === p) break;
  }
  for (const d of toSync) await fsyncDir(d);
}

/** Writes all of `data` at `position` (one call unless the OS writes short, then continues). */
export async function writeAll(fh: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await fh.write(data, done, data.length - done, position + done);
    if (bytesWritten <= 0) throw new Error(`write made no progress at byte ${position + done}`);
    done += bytesWritten;
  }
}

/** Writes `data` to a new file at `path` and fsyncs it (the file must not be visible to readers yet). */
export async function writeFileSynced(path: string, data: Uint8Array): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await writeAll(fh, data, 0);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Runs async jobs one at a time, in call order. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` after every job queued before it has settled. */
  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(job, job);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
