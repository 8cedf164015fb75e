// The storage barrel: the three interfaces, their shared argument rules, and the memory stores.
export type { MetaOp, MetaStore, ObjectStore, Storage, Wal, WalEntry } from './types.js';
export {
  MemoryMetaStore,
  applyMetaOps,
  checkMetaKey,
  checkMetaOps,
  checkMetaPrefix,
  checkMetaValue,
  compareMetaKeys,
} from './memory-meta-store.js';
export { MAX_WAL_RECORD_BYTES, MemoryWal, checkLsn, checkWalRecords } from './memory-wal.js';
export {
  MemoryObjectStore,
  checkObjectData,
  checkObjectPath,
  checkObjectPrefix,
  objectIsFolderError,
  objectNotFoundError,
  objectUnderObjectError,
} from './memory-object-store.js';
export { openMemoryStorage } from './memory-storage.js';
