import type { MetaStore, ObjectStore, Storage, Wal } from './types.js';

/** An exclusive hold on a database's storage (a lock file, a Web Lock), given up by `release`. */
export interface StorageLock {
  release(): Promise<void>;
}

/** Opens each of a storage's three stores; called in this order. */
export interface StoreOpeners<M extends MetaStore, W extends Wal, O extends ObjectStore> {
  meta(): Promise<M>;
  wal(): Promise<W>;
  objects(): Promise<O>;
}

/** A {@link Storage} whose stores keep their own types. */
export interface OpenedStorage<M extends MetaStore, W extends Wal, O extends ObjectStore> extends Storage {
  readonly meta: M;
  readonly wal: W;
  readonly objects: O;
}

/**
 * Opens the catalog, the WAL and the object store, in that order, under a lock already taken. If
 * one fails, the stores already open are closed and the lock released before the error is
 * rethrown. `close()` closes all three (each even when another fails), then releases the lock,
 * then rethrows the first failure; later calls return the first call's promise.
 */
export async function openLockedStorage<M extends MetaStore, W extends Wal, O extends ObjectStore>(
  lock: StorageLock,
  open: StoreOpeners<M, W, O>,
): Promise<OpenedStorage<M, W, O>> {
  const opened: Array<{ close(): Promise<void> }> = [];
  try {
    const meta = await open.meta();
    opened.push(meta);
    const wal = await open.wal();
    opened.push(wal);
    const objects = await open.objects();
    opened.push(objects);
    let closing: Promise<void> | undefined;
    return {
      meta,
      wal,
      objects,
      close() {
        closing ??= (async () => {
          const results = await Promise.allSettled([meta.close(), wal.close(), objects.close()]);
          await lock.release();
          const failed = results.find((r) => r.status === 'rejected');
          if (failed) throw failed.reason;
        })();
        return closing;
      },
    };
  } catch (e) {
    await Promise.allSettled(opened.map((s) => s.close()));
    await lock.release();
    throw e;
  }
}
