import { randomBytes } from 'node:crypto';
import { lstat, readFile, readdir, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  ErrorCode,
  QuiverError,
  checkObjectData,
  checkObjectPath,
  checkObjectPrefix,
  objectIsFolderError,
  objectNotFoundError,
  objectUnderObjectError,
} from '@quiver/core';
import type { ObjectStore } from '@quiver/core';
import { SerialQueue, errno, fsyncDir, ioFailed, mkdirDurable, writeFileSynced } from './fs-util.js';

/**
 * Immutable blobs as files under `<dir>/objects/<path>`. A put writes `<dir>/objects.tmp/<random>.tmp`,
 * fsyncs it, renames it into place and fsyncs the folder, so readers see the old blob or the new
 * one and a resolved put survives a crash. Blob bytes are opaque: their formats carry checksums.
 */
export class FileObjectStore implements ObjectStore {
  readonly #root: string;
  readonly #tmpDir: string;
  /** Renames into the tree and deletions (which prune empty folders) run one at a time. */
  readonly #tree = new SerialQueue();
  readonly #inFlight = new Set<Promise<unknown>>();
  #closed = false;

  private constructor(root: string, tmpDir: string) {
    this.#root = root;
    this.#tmpDir = tmpDir;
  }

  /**
   * Opens (creating when absent) the object tree of data folder `dir`; removes tmp files a crash
   * left, unless `clearTmp: false` (a second handle on a folder another store writes: a worker).
   */
  static async open(dir: string, options: { clearTmp?: boolean } = {}): Promise<FileObjectStore> {
    const root = join(dir, 'objects');
    const tmpDir = join(dir, 'objects.tmp');
    try {
      await mkdirDurable(root);
      await mkdirDurable(tmpDir);
      if (options.clearTmp !== false) for (const name of await readdir(tmpDir)) await rm(join(tmpDir, name), { recursive: true, force: true });
    } catch (e) {
      throw ioFailed(`cannot open the object store ${root}`, e);
    }
    return new FileObjectStore(root, tmpDir);
  }

  put(path: string, data: Uint8Array): Promise<void> {
    return this.#track(async () => {
      const segments = checkObjectPath(path);
      checkObjectData(path, data);
      const tmp = join(this.#tmpDir, `${randomBytes(8).toString('hex')}.tmp`);
      try {
        await writeFileSynced(tmp, data);
        await this.#tree.run(() => this.#publish(path, segments, tmp));
      } catch (e) {
        await unlink(tmp).catch(() => undefined);
        throw ioFailed(`cannot store object ${JSON.stringify(path)} (file ${join(this.#root, ...segments)})`, e);
      }
    });
  }

  get(path: string): Promise<Uint8Array> {
    return this.#track(async () => {
      const file = join(this.#root, ...checkObjectPath(path));
      try {
        const b = await readFile(file);
        return new Uint8Array(b.buffer, b.byteOffset, b.length);
      } catch (e) {
        const code = errno(e);
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') throw objectNotFoundError(path, file);
        throw ioFailed(`cannot read object ${JSON.stringify(path)} (file ${file})`, e);
      }
    });
  }

  delete(path: string): Promise<void> {
    return this.#track(async () => {
      const segments = checkObjectPath(path);
      await this.#tree.run(async () => {
        const file = join(this.#root, ...segments);
        try {
          if (!(await lstat(file)).isFile()) return; // a folder is not an object
          await unlink(file);
        } catch (e) {
          const code = errno(e);
          if (code === 'ENOENT' || code === 'ENOTDIR') return;
          throw ioFailed(`cannot delete object ${JSON.stringify(path)} (file ${file})`, e);
        }
        let dir = dirname(file);
        while (dir !== this.#root && (await rmdir(dir).then(() => true, () => false))) dir = dirname(dir);
        try {
          await fsyncDir(dir);
        } catch (e) {
          throw ioFailed(`cannot sync folder ${dir}`, e);
        }
      });
    });
  }

  list(prefix: string): Promise<string[]> {
    return this.#track(async () => {
      checkObjectPrefix(prefix);
      // Walk only the deepest folder the prefix names completely.
      const cut = prefix.lastIndexOf('/');
      const folder = cut < 0 ? '' : prefix.slice(0, cut);
      if (folder !== '') {
        try {
          checkObjectPath(folder);
        } catch {
          return []; // no valid object path lies under an invalid folder
        }
      }
      const out: string[] = [];
      await walk(folder === '' ? this.#root : join(this.#root, ...folder.split('/')), folder, out);
      return out.filter((p) => p.startsWith(prefix)).sort();
    });
  }

  /**
   * The file that holds (or would hold) the object at `path`, for error messages: core adds it to
   * errors naming the object, such as a segment file failing its checksum.
   */
  locate(path: string): string {
    return join(this.#root, ...checkObjectPath(path));
  }

  /** Waits for calls already under way, then refuses further calls. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Runs a call unless closed, remembering it until it settles. */
  #track<T>(call: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new QuiverError(ErrorCode.Closed, `object store ${this.#root} is closed`));
    const p = call();
    this.#inFlight.add(p);
    const forget = () => this.#inFlight.delete(p);
    p.then(forget, forget);
    return p;
  }

  /** Moves a synced tmp file to `path` (creating its folders durably) and syncs its folder. */
  async #publish(path: string, segments: string[], tmp: string): Promise<void> {
    // A path cannot be both an object and a folder of objects (as in every ObjectStore).
    for (let i = 1; i < segments.length; i++) {
      const st = await lstat(join(this.#root, ...segments.slice(0, i))).catch(() => undefined);
      if (st === undefined) break;
      if (!st.isDirectory()) throw objectUnderObjectError(path, segments.slice(0, i).join('/'));
    }
    const target = join(this.#root, ...segments);
    const st = await lstat(target).catch(() => undefined);
    if (st?.isDirectory()) {
      // An empty folder (left by a crash during a delete) may go; one holding objects may not.
      if (!(await rmdir(target).then(() => true, () => false))) throw objectIsFolderError(path);
    }
    await mkdirDurable(dirname(target));
    await rename(tmp, target);
    await fsyncDir(dirname(target));
  }
}

/** Appends the object paths (files) under `abs`, named relative to the tree as `rel/…`. */
async function walk(abs: string, rel: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(abs, { withFileTypes: true });
  } catch (e) {
    const code = errno(e);
    if (code === 'ENOENT' || code === 'ENOTDIR') return; // missing, or deleted while walking
    throw ioFailed(`cannot list object folder ${abs}`, e);
  }
  for (const d of entries) {
    const p = rel === '' ? d.name : `${rel}/${d.name}`;
    if (d.isDirectory()) await walk(join(abs, d.name), p, out);
    else if (d.isFile()) out.push(p);
  }
}
