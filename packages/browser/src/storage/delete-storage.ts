import { deleteDB } from 'idb';
import { storageError } from './errors.js';
import { idbDatabaseName } from './idb-database.js';
import { lockDatabase } from './lock.js';
import type { DatabaseLockOptions } from './lock.js';
import { parseIdbUri } from './uri.js';

/**
 * Deletes the database `idb://<name>` for good: its IndexedDB database and its OPFS folder. Takes
 * the database's Web Lock first, so a database open anywhere in the origin is `Locked` (or waited
 * for with `lock: 'wait'`). Deleting a database that does not exist is not an error.
 */
export async function deleteBrowserStorage(uri: string, options: DatabaseLockOptions = {}): Promise<void> {
  const name = parseIdbUri(uri);
  const lock = await lockDatabase(name, options);
  try {
    const dbName = idbDatabaseName(name);
    try {
      await deleteDB(dbName); // waits while a connection is open (none is: we hold the lock)
    } catch (e) {
      throw storageError(`cannot delete IndexedDB database "${dbName}"`, e);
    }
    try {
      const root = await navigator.storage.getDirectory();
      const quiver = await root.getDirectoryHandle('quiver', { create: true });
      await quiver.removeEntry(name, { recursive: true });
    } catch (e) {
      if ((e as { name?: unknown })?.name !== 'NotFoundError') throw storageError(`cannot delete the OPFS folder quiver/${name}`, e);
    }
  } finally {
    await lock.release();
  }
}
