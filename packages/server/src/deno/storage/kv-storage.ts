// The Storage of one Quiver database in Deno KV: catalog, WAL and segment files, all under the
// key prefix `[ns]`, guarded by a lease so that only the newest opener writes.
import { openLockedStorage, type Storage } from '@quiver/core';
import { KvLease } from './kv-blobs.js';
import { KvMetaStore } from './kv-meta-store.js';
import { KvObjectStore } from './kv-object-store.js';
import { KvWal } from './kv-wal.js';

/**
 * Opens the stores under `[ns]` in `kv` (closing those already open when one fails); `closeKv`
 * also closes the KV handle on close() or on a failed open. The lease needs no release: a newer
 * opener supersedes it.
 */
export async function openKvStorage(kv: DenoKv, ns = 'quiver', opts: { closeKv?: boolean } = {}): Promise<Storage> {
  const lease = await KvLease.take(kv, ns);
  const handle = {
    async release(): Promise<void> {
      if (opts.closeKv) kv.close();
    },
  };
  return openLockedStorage(handle, {
    meta: () => KvMetaStore.open(lease, ns),
    wal: () => KvWal.open(lease, ns),
    objects: () => KvObjectStore.open(lease, ns),
  });
}
