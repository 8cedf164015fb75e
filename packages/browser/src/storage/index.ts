// @quiver/browser storage: IndexedDB and OPFS implementations of core's storage interfaces.
export { IdbMetaStore } from './idb-meta-store.js';
export { IdbWal } from './idb-wal.js';
export type { IdbWalOptions } from './idb-wal.js';
export { IDB_SCHEMA_VERSION, idbDatabaseName } from './idb-database.js';
export type { IdbDurability, IdbStoreOptions } from './idb-database.js';
export { OpfsObjectStore, opfsDatabaseFolder } from './opfs-object-store.js';
export type { OpfsObjectStoreOptions } from './opfs-object-store.js';
export type { OpfsWriter } from './opfs-files.js';
export { lockDatabase, lockName } from './lock.js';
export type { DatabaseLock, DatabaseLockOptions, LockBehavior } from './lock.js';
export { parseIdbUri } from './uri.js';
export { openBrowserStorage } from './browser-storage.js';
export type { BrowserStorage, BrowserStorageOptions } from './browser-storage.js';
export { deleteBrowserStorage } from './delete-storage.js';
