import { resolve } from 'node:path';
import { openLockedStorage } from '@quiver/core';
import type { Storage } from '@quiver/core';
import { FileMetaStore } from './file-meta-store.js';
import { FileObjectStore } from './file-object-store.js';
import { FileWal } from './file-wal.js';
import type { FileWalOptions } from './file-wal.js';
import { ioFailed, mkdirDurable } from './fs-util.js';
import { lockFolder } from './lock.js';

/** Options of {@link openFileStorage}. */
export interface FileStorageOptions {
  /** WAL file rotation. */
  readonly wal?: FileWalOptions;
}

/** {@link Storage} on files in one data folder, held with its LOCK file until closed. */
export interface FileStorage extends Storage {
  readonly meta: FileMetaStore;
  readonly wal: FileWal;
  readonly objects: FileObjectStore;
  /** The data folder. */
  readonly dir: string;
}

/**
 * Opens (creating when absent) the data folder `dir` (`file://` storage): takes its lock (LOCK),
 * then the catalog `catalog.qmeta`, the WAL under `wal/` and the blobs under `objects/`.
 * Layout and crash rules: docs/formats.md.
 */
export async function openFileStorage(dir: string, options: FileStorageOptions = {}): Promise<FileStorage> {
  const folder = resolve(dir);
  try {
    await mkdirDurable(folder);
  } catch (e) {
    throw ioFailed(`cannot create data folder ${folder}`, e);
  }
  const lock = await lockFolder(folder);
  const stores = await openLockedStorage(lock, {
    meta: () => FileMetaStore.open(folder),
    wal: () => FileWal.open(folder, options.wal),
    objects: () => FileObjectStore.open(folder),
  });
  return { ...stores, dir: folder };
}
