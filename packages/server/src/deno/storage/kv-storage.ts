// The Storage of one Quiver database in Deno KV: catalog, WAL and segment files, all under the
// key prefix `[ns]`, guarded by a lease so that only the newest opener writes.
import type { Storage } from '@quiver/core';
import { KvLease } from './kv-blobs.js';
import { KvMetaStore } from './kv-meta-store.js';
import { KvObjectStore } from './kv-object-store.js';
import { KvWal } from './kv-wal.js';

/** Opens the stores under `[ns]` in `kv`; `closeKv` also closes the KV handle on close(). */
export async function openKvStorage(kv: DenoKv, ns = 'quiver', opts: { closeKv?: boolean } = {}): Promise<Storage> {
  const lease = await KvLease.take(kv, ns);
  const meta = await KvMetaStore.open(lease, ns);
  const wal = await KvWal.open(lease, ns);
  const objects = await KvObjectStore.open(lease, ns);
  let closing: Promise<void> | undefined;
  return {
    meta,
    wal,
    objects,
    close() {
      closing ??= (async () => {
        await Promise.all([meta.close(), wal.close(), objects.close()]);
        if (opts.closeKv) kv.close();
      })();
      return closing;
    },
  };
}
