import { ErrorCode, QuiverError } from '../errors.js';
import { describeValue } from './memory-meta-store.js';
import type { ObjectStore } from './types.js';

/**
 * Throws InvalidParameter unless `path` is a relative object path every ObjectStore accepts:
 * non-empty `/`-separated segments, none empty, `.` or `..`, no backslash, no NUL, no leading `/`.
 * Returns the segments.
 */
export function checkObjectPath(path: unknown): string[] {
  if (typeof path !== 'string') throw new QuiverError(ErrorCode.InvalidParameter, `object path must be a string, got ${describeValue(path)}`);
  const bad = (why: string): never => {
    throw new QuiverError(ErrorCode.InvalidParameter, `invalid object path ${JSON.stringify(path)}: ${why}`);
  };
  if (path.length === 0) bad('it is empty');
  if (path.startsWith('/')) bad('it is absolute (starts with "/")');
  if (path.includes('\\')) bad('it contains a backslash');
  if (path.includes('\0')) bad('it contains a NUL character');
  const segments = path.split('/');
  for (const s of segments) {
    if (s === '') bad('it has an empty segment');
    if (s === '.' || s === '..') bad(`it has a "${s}" segment`);
  }
  return segments;
}

/** Throws InvalidParameter unless `data` (to be stored at `path`) is a Uint8Array. */
export function checkObjectData(path: string, data: unknown): asserts data is Uint8Array {
  if (!(data instanceof Uint8Array)) throw new QuiverError(ErrorCode.InvalidParameter, `object ${JSON.stringify(path)} must be a Uint8Array, got ${describeValue(data)}`);
}

/** Throws InvalidParameter unless `prefix` is a string. */
export function checkObjectPrefix(prefix: unknown): asserts prefix is string {
  if (typeof prefix !== 'string') throw new QuiverError(ErrorCode.InvalidParameter, `object list prefix must be a string, got ${describeValue(prefix)}`);
}

/** The error for a put whose path is already a folder of other objects (files cannot be both). */
export function objectIsFolderError(path: string): QuiverError {
  return new QuiverError(ErrorCode.InvalidParameter, `object path ${JSON.stringify(path)} is already a folder of other objects`);
}

/** The error for a put whose path lies under an existing object `parent`. */
export function objectUnderObjectError(path: string, parent: string): QuiverError {
  return new QuiverError(ErrorCode.InvalidParameter, `object path ${JSON.stringify(path)} lies under the existing object ${JSON.stringify(parent)}`);
}

/** The KeyNotFound error for a missing object; `where` is where it would be (a file on disk). */
export function objectNotFoundError(path: string, where?: string): QuiverError {
  return new QuiverError(ErrorCode.KeyNotFound, `object ${JSON.stringify(path)} not found${where === undefined ? '' : ` (no file ${where})`}`);
}

/**
 * In-memory {@link ObjectStore}: a Map of copies. Like a file system (and every other store), a
 * path cannot be both an object and a folder of other objects.
 */
export class MemoryObjectStore implements ObjectStore {
  readonly #blobs = new Map<string, Uint8Array>();
  /** Folder path → number of objects beneath it. */
  readonly #folders = new Map<string, number>();
  #closed = false;

  async put(path: string, data: Uint8Array): Promise<void> {
    this.#check();
    const segments = checkObjectPath(path);
    checkObjectData(path, data);
    if (this.#folders.has(path)) throw objectIsFolderError(path);
    const parents = folders(segments);
    for (const f of parents) if (this.#blobs.has(f)) throw objectUnderObjectError(path, f);
    if (!this.#blobs.has(path)) for (const f of parents) this.#folders.set(f, (this.#folders.get(f) ?? 0) + 1);
    this.#blobs.set(path, new Uint8Array(data));
  }

  async get(path: string): Promise<Uint8Array> {
    this.#check();
    checkObjectPath(path);
    const blob = this.#blobs.get(path);
    if (blob === undefined) throw objectNotFoundError(path);
    return new Uint8Array(blob);
  }

  async delete(path: string): Promise<void> {
    this.#check();
    const segments = checkObjectPath(path);
    if (!this.#blobs.delete(path)) return;
    for (const f of folders(segments)) {
      const n = this.#folders.get(f)! - 1;
      if (n === 0) this.#folders.delete(f);
      else this.#folders.set(f, n);
    }
  }

  async list(prefix: string): Promise<string[]> {
    this.#check();
    checkObjectPrefix(prefix);
    return [...this.#blobs.keys()].filter((p) => p.startsWith(prefix)).sort();
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #check(): void {
    if (this.#closed) throw new QuiverError(ErrorCode.Closed, 'memory object store is closed');
  }
}

/** `a/b/c` → [`a`, `a/b`]. */
function folders(segments: string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < segments.length; i++) out.push(segments.slice(0, i).join('/'));
  return out;
}
