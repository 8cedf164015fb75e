import { MemoryMetaStore } from './memory-meta-store.js';
import { MemoryObjectStore } from './memory-object-store.js';
import { MemoryWal } from './memory-wal.js';
import type { Storage } from './types.js';

/** A fresh in-memory {@link Storage} (`memory://`): everything is lost when it is dropped. */
export function openMemoryStorage(): Storage {
  const meta = new MemoryMetaStore();
  const wal = new MemoryWal();
  const objects = new MemoryObjectStore();
  return {
    meta,
    wal,
    objects,
    async close() {
      await Promise.all([meta.close(), wal.close(), objects.close()]);
    },
  };
}
