// @quiver/node storage: the file implementations of core's storage interfaces.
export { FileMetaStore, CATALOG_FILE } from './file-meta-store.js';
export { FileObjectStore } from './file-object-store.js';
export { FileWal } from './file-wal.js';
export type { FileWalOptions, WalRecovery } from './file-wal.js';
export { openFileStorage } from './file-storage.js';
export type { FileStorage, FileStorageOptions } from './file-storage.js';
export { LOCK_FILE } from './lock.js';
