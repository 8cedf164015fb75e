// The OPFS primitives the object store is built from, with the parts TypeScript's DOM lib lacks
// (`move()`, sync access handles: the DOM and WebWorker libs cannot be combined in one program).

/** The sync access handle of a file (dedicated workers only). */
export interface SyncAccessHandle {
  write(buffer: Uint8Array, options?: { at?: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}

/** How blobs are written: `sync` (createSyncAccessHandle + flush, dedicated workers) or `writable` (createWritable, anywhere). */
export type OpfsWriter = 'sync' | 'writable';

type SyncCapable = { createSyncAccessHandle(): Promise<SyncAccessHandle> };
type Movable = { move(destination: FileSystemDirectoryHandle, name: string): Promise<void> };

/** `sync` where this context offers sync access handles (a dedicated worker), else `writable`. */
export function defaultOpfsWriter(): OpfsWriter {
  return typeof FileSystemFileHandle !== 'undefined' && 'createSyncAccessHandle' in FileSystemFileHandle.prototype ? 'sync' : 'writable';
}

/** Replaces the content of `file` with `data` and makes it durable as far as the API allows. */
export async function writeFile(file: FileSystemFileHandle, data: Uint8Array, writer: OpfsWriter): Promise<void> {
  if (writer === 'sync') {
    const h = await (file as unknown as SyncCapable).createSyncAccessHandle();
    try {
      h.truncate(0);
      h.truncate(data.length); // takes the space first: a full quota fails here, cleanly
      let at = 0;
      while (at < data.length) {
        const n = h.write(data.subarray(at), { at });
        if (n <= 0) throw new Error(`short write at byte ${at} of ${data.length}`);
        at += n;
      }
      h.flush();
    } finally {
      h.close();
    }
    return;
  }
  const w = await file.createWritable({ keepExistingData: false });
  try {
    // Taking the space first makes a full quota fail with QuotaExceededError here; while the data
    // streams, Chromium may report it only as "AbortError: Failed to write data to data pipe".
    await w.truncate(data.length);
    await w.write({ type: 'write', position: 0, data: data as Uint8Array<ArrayBuffer> });
    await w.close();
  } catch (e) {
    await w.abort().catch(() => undefined);
    throw e;
  }
}

/** Moves `file` to `dir/name`, replacing a file there (Chromium's OPFS `move()` replaces atomically). */
export function moveFile(file: FileSystemFileHandle, dir: FileSystemDirectoryHandle, name: string): Promise<void> {
  return (file as unknown as Movable).move(dir, name);
}

/** The DOMException name of an error, if it has one. */
export function domName(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' ? (e as { name: string }).name : undefined;
}

/** True for the errors OPFS gives when a path does not exist or has the other kind (file vs folder). */
export function isMissing(e: unknown): boolean {
  const n = domName(e);
  return n === 'NotFoundError' || n === 'TypeMismatchError';
}

/** Collects the paths of every file under `dir` (as `base/…`). */
export async function walkFiles(dir: FileSystemDirectoryHandle, base: string, out: string[]): Promise<void> {
  try {
    for await (const [name, handle] of dir.entries()) {
      const path = base === '' ? name : `${base}/${name}`;
      if (handle.kind === 'file') out.push(path);
      else await walkFiles(handle as FileSystemDirectoryHandle, path, out);
    }
  } catch (e) {
    if (!isMissing(e)) throw e; // removed while walking
  }
}

/** Runs async jobs one at a time, in call order. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every earlier job settled; resolves or rejects with its result. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn, fn);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
