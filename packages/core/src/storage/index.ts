// The storage barrel: the three interfaces, their shared argument rules, the memory stores, and
// the WAL frame codec and group commit every platform's WAL uses.
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
export { openLockedStorage } from './locked-storage.js';
export type { OpenedStorage, StorageLock, StoreOpeners } from './locked-storage.js';
export {
  WAL_FLAG_CONTINUED,
  WAL_FORMAT_VERSION,
  WAL_FRAME_HEADER_BYTES,
  frameWalRecord,
  frameWalRecords,
  openWalFrame,
  parseWalFrameHeader,
  stampWalFrames,
  walFrameCrc,
  walFrameCrcWithLength,
  walRecordCorrupted,
} from './wal-frame.js';
export type { Crc32Fn, OpenedWalFrame, WalFrameHeader } from './wal-frame.js';
export { GroupCommitQueue } from './group-commit.js';
export type { GroupCommitTarget } from './group-commit.js';
