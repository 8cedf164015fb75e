import { ErrorCode, QuiverError, openLockedStorage } from '@quiver/core';
import type { Storage } from '@quiver/core';
import type { IdbDurability } from './idb-database.js';
import { IdbMetaStore } from './idb-meta-store.js';
import { IdbWal } from './idb-wal.js';
import { lockDatabase, lockName } from './lock.js';
import type { DatabaseLock, DatabaseLockOptions } from './lock.js';
import type { OpfsWriter } from './opfs-files.js';
import { OpfsObjectStore } from './opfs-object-store.js';
import { parseIdbUri } from './uri.js';

/** Options of {@link openBrowserStorage}. */
export interface BrowserStorageOptions extends DatabaseLockOptions {
  /** Durability of IndexedDB write transactions (catalog and WAL); default `strict`. */
  readonly durability?: IdbDurability;
  /** How OPFS blobs are written; default `sync` in a dedicated worker, `writable` on the main thread. */
  readonly writer?: OpfsWriter;
  /** Ask the browser to keep this origin's data under storage pressure (`navigator.storage.persist()`); default true. */
  readonly persist?: boolean;
  /**
   * The database's Web Lock, already taken with `lockDatabase` (a tab taking over as leader);
   * the storage releases it on close. Without it, the lock is taken here.
   */
  readonly held?: DatabaseLock;
}

/** {@link Storage} in the browser: catalog and WAL in IndexedDB, blobs in OPFS, held with a Web Lock. */
export interface BrowserStorage extends Storage {
  readonly meta: IdbMetaStore;
  readonly wal: IdbWal;
  readonly objects: OpfsObjectStore;
  /** The database name (`idb://<name>`). */
  readonly name: string;
  /** Whether the browser granted persistent storage (false when not asked or refused). */
  readonly persisted: Promise<boolean>;
}

/** Asks for persistent storage; never rejects, never blocks opening (some browsers prompt). */
function requestPersistence(ask: boolean): Promise<boolean> {
  if (!ask || typeof navigator.storage?.persist !== 'function') return Promise.resolve(false);
  return navigator.storage.persist().then(
    (granted) => granted,
    () => false,
  );
}

/**
 * Opens (creating when absent) the database `idb://<name>`: takes its exclusive Web Lock (a
 * second open anywhere in the origin fails with `Locked`, or waits with `lock: 'wait'`), asks for
 * persistent storage, then opens the catalog and WAL (IndexedDB `quiver/<name>`) and the object
 * store (OPFS `quiver/<name>/`). Layout: docs/formats.md.
 */
export async function openBrowserStorage(uri: string, options: BrowserStorageOptions = {}): Promise<BrowserStorage> {
  const name = parseIdbUri(uri);
  if (options.held !== undefined && options.held.name !== lockName(name)) {
    throw new QuiverError(ErrorCode.InvalidParameter, `held: the lock ${JSON.stringify(options.held.name)} is not the lock of idb://${name}`);
  }
  const lock = options.held ?? (await lockDatabase(name, options));
  const persisted = requestPersistence(options.persist ?? true);
  const idb = options.durability === undefined ? {} : { durability: options.durability };
  const stores = await openLockedStorage(lock, {
    meta: () => IdbMetaStore.open(name, idb),
    wal: () => IdbWal.open(name, idb),
    objects: () => OpfsObjectStore.open(name, options.writer === undefined ? {} : { writer: options.writer }),
  });
  return { ...stores, name, persisted };
}
