import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metaStoreSuite, objectStoreSuite, storageSuite, walSuite } from '@quiver/core/testing';
import type { StoreUnderTest } from '@quiver/core/testing';
import { FileMetaStore, FileObjectStore, FileWal, openFileStorage } from './index.js';

/** A target whose store lives in a fresh temp folder, reopened over it and removed after. */
const inTempDir = <T>(open: (dir: string) => Promise<T>) => async (): Promise<StoreUnderTest<T>> => {
  const dir = await mkdtemp(join(tmpdir(), 'quiver-storage-'));
  return { store: await open(dir), reopen: () => open(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
};

metaStoreSuite('file', inTempDir((dir) => FileMetaStore.open(dir)));
walSuite('file', inTempDir((dir) => FileWal.open(dir)));
walSuite('file, rotating every 4 KiB', inTempDir((dir) => FileWal.open(dir, { maxFileBytes: 4096 })));
objectStoreSuite('file', inTempDir((dir) => FileObjectStore.open(dir)));
storageSuite('file', inTempDir((dir) => openFileStorage(dir)));
