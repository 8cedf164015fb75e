import { ErrorCode, QuiverError, checkObjectData, checkObjectPath, checkObjectPrefix, objectIsFolderError, objectNotFoundError, objectUnderObjectError } from '@quiver/core';
import type { ObjectStore } from '@quiver/core';
import { closedError, storageError } from './errors.js';
import { SerialQueue, defaultOpfsWriter, domName, isMissing, moveFile, walkFiles, writeFile } from './opfs-files.js';
import type { OpfsWriter } from './opfs-files.js';

/** Options of {@link OpfsObjectStore.open}. */
export interface OpfsObjectStoreOptions {
  /** How blobs are written; default `sync` in a dedicated worker, `writable` elsewhere. */
  readonly writer?: OpfsWriter;
  /**
   * Remove the files a crash left in `tmp/` (default true). A second store on a database that is
   * already open (the IndexNode worker's) passes false: the first may be writing there.
   */
  readonly clearTmp?: boolean;
}

/** The OPFS folder of Quiver database `name`: `quiver/<name>/` under the origin's root. */
export async function opfsDatabaseFolder(name: string): Promise<FileSystemDirectoryHandle> {
  if (typeof navigator === 'undefined' || typeof navigator.storage?.getDirectory !== 'function') {
    throw new QuiverError(ErrorCode.Unsupported, 'the Origin Private File System (navigator.storage.getDirectory) is not available in this context');
  }
  try {
    const root = await navigator.storage.getDirectory();
    const quiver = await root.getDirectoryHandle('quiver', { create: true });
    return await quiver.getDirectoryHandle(name, { create: true });
  } catch (e) {
    throw storageError(`cannot open the OPFS folder quiver/${name}`, e);
  }
}

function randomName(): string {
  const b = crypto.getRandomValues(new Uint8Array(8));
  return `${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}.tmp`;
}

/**
 * Immutable blobs as OPFS files under `quiver/<name>/objects/<path>`. A put writes
 * `quiver/<name>/tmp/<random>.tmp` (sync access handle + `flush()` in a worker, `createWritable`
 * on the main thread) and then moves it into place, so readers see the old blob or the new one,
 * never a part. Files a crash left in `tmp/` are removed on open.
 */
export class OpfsObjectStore implements ObjectStore {
  readonly #objects: FileSystemDirectoryHandle;
  readonly #tmp: FileSystemDirectoryHandle;
  readonly #where: string;
  readonly #writer: OpfsWriter;
  /** Moves into the tree and deletions (which prune empty folders) run one at a time. */
  readonly #tree = new SerialQueue();
  readonly #inFlight = new Set<Promise<unknown>>();
  #closed = false;

  private constructor(objects: FileSystemDirectoryHandle, tmp: FileSystemDirectoryHandle, where: string, writer: OpfsWriter) {
    this.#objects = objects;
    this.#tmp = tmp;
    this.#where = where;
    this.#writer = writer;
  }

  /** Opens (creating when absent) the object store of Quiver database `name`; clears `tmp/` unless told not to. */
  static async open(name: string, options: OpfsObjectStoreOptions = {}): Promise<OpfsObjectStore> {
    const writer = options.writer ?? defaultOpfsWriter();
    if (writer !== 'sync' && writer !== 'writable') throw new QuiverError(ErrorCode.InvalidParameter, `OPFS writer must be "sync" or "writable", got ${JSON.stringify(writer)}`);
    const folder = await opfsDatabaseFolder(name);
    const where = `OPFS quiver/${name}/objects`;
    try {
      const objects = await folder.getDirectoryHandle('objects', { create: true });
      const tmp = await folder.getDirectoryHandle('tmp', { create: true });
      if (options.clearTmp !== false) {
        const leftovers: string[] = [];
        for await (const entry of tmp.keys()) leftovers.push(entry);
        for (const entry of leftovers) await tmp.removeEntry(entry, { recursive: true });
      }
      return new OpfsObjectStore(objects, tmp, where, writer);
    } catch (e) {
      throw storageError(`cannot open ${where}`, e);
    }
  }

  put(path: string, data: Uint8Array): Promise<void> {
    return this.#track(async () => {
      const segments = checkObjectPath(path);
      checkObjectData(path, data);
      const tmpName = randomName();
      try {
        const tmp = await this.#tmp.getFileHandle(tmpName, { create: true });
        await writeFile(tmp, data, this.#writer);
        await this.#tree.run(() => this.#publish(path, segments, tmp));
      } catch (e) {
        await this.#tmp.removeEntry(tmpName).catch(() => undefined);
        throw storageError(`cannot store object ${JSON.stringify(path)} in ${this.#where}`, e);
      }
    });
  }

  get(path: string): Promise<Uint8Array> {
    return this.#track(async () => {
      const segments = checkObjectPath(path);
      for (let attempt = 1; ; attempt++) {
        try {
          const dir = await this.#folder(segments.slice(0, -1));
          const file = await (await dir.getFileHandle(segments[segments.length - 1]!)).getFile();
          return new Uint8Array(await file.arrayBuffer());
        } catch (e) {
          if (isMissing(e)) throw objectNotFoundError(path);
          // The file was replaced between taking the snapshot and reading it: read the new one.
          if (domName(e) === 'NotReadableError' && attempt < 3) continue;
          throw storageError(`cannot read object ${JSON.stringify(path)} in ${this.#where}`, e);
        }
      }
    });
  }

  delete(path: string): Promise<void> {
    return this.#track(async () => {
      const segments = checkObjectPath(path);
      await this.#tree.run(async () => {
        const chain: FileSystemDirectoryHandle[] = [this.#objects];
        const leaf = segments[segments.length - 1]!;
        try {
          for (const s of segments.slice(0, -1)) chain.push(await chain[chain.length - 1]!.getDirectoryHandle(s));
          await chain[chain.length - 1]!.getFileHandle(leaf); // a folder is not an object
          await chain[chain.length - 1]!.removeEntry(leaf);
        } catch (e) {
          if (isMissing(e)) return;
          throw storageError(`cannot delete object ${JSON.stringify(path)} in ${this.#where}`, e);
        }
        // Prune the folders it leaves empty (a non-recursive remove fails on a non-empty folder).
        for (let i = chain.length - 1; i > 0; i--) {
          if (!(await chain[i - 1]!.removeEntry(segments[i - 1]!).then(() => true, () => false))) break;
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
      let dir = this.#objects;
      if (folder !== '') {
        let segments: string[];
        try {
          segments = checkObjectPath(folder);
        } catch {
          return []; // no valid object path lies under an invalid folder
        }
        try {
          dir = await this.#folder(segments);
        } catch (e) {
          if (isMissing(e)) return [];
          throw storageError(`cannot list ${JSON.stringify(prefix)} in ${this.#where}`, e);
        }
      }
      const out: string[] = [];
      try {
        await walkFiles(dir, folder, out);
      } catch (e) {
        throw storageError(`cannot list ${JSON.stringify(prefix)} in ${this.#where}`, e);
      }
      return out.filter((p) => p.startsWith(prefix)).sort();
    });
  }

  /** Waits for calls already under way, then refuses further calls. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#inFlight]);
  }

  /** The folder `objects/<segments…>` (which must exist). */
  async #folder(segments: readonly string[]): Promise<FileSystemDirectoryHandle> {
    let dir = this.#objects;
    for (const s of segments) dir = await dir.getDirectoryHandle(s);
    return dir;
  }

  /** Moves a written tmp file to `path`, creating its folders. */
  async #publish(path: string, segments: string[], tmp: FileSystemFileHandle): Promise<void> {
    let dir = this.#objects;
    for (let i = 0; i < segments.length - 1; i++) {
      try {
        dir = await dir.getDirectoryHandle(segments[i]!, { create: true });
      } catch (e) {
        // A path cannot be both an object and a folder of objects (as in every ObjectStore).
        if (domName(e) === 'TypeMismatchError') throw objectUnderObjectError(path, segments.slice(0, i + 1).join('/'));
        throw e;
      }
    }
    const leaf = segments[segments.length - 1]!;
    let folderThere = false;
    try {
      await dir.getDirectoryHandle(leaf);
      folderThere = true;
    } catch (e) {
      if (!isMissing(e)) throw e;
    }
    if (folderThere) {
      // An empty folder (left by a crash during a delete) may go; one holding objects may not.
      if (!(await dir.removeEntry(leaf).then(() => true, () => false))) throw objectIsFolderError(path);
    }
    await moveFile(tmp, dir, leaf);
  }

  /** Runs a call unless closed, remembering it until it settles. */
  #track<T>(call: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(closedError(this.#where));
    const p = call();
    this.#inFlight.add(p);
    const forget = () => this.#inFlight.delete(p);
    p.then(forget, forget);
    return p;
  }
}
