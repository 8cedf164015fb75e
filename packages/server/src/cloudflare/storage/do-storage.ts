// The Storage of one Durable Object: catalog and WAL in its SQLite database, segment and index
// files in R2 under the object's own key prefix.
import type { Storage } from '@quiver/core';
import { DoMetaStore } from './do-meta-store.js';
import { DoWal } from './do-wal.js';
import { R2ObjectStore, type R2Sizes } from './r2-object-store.js';

/** Where one engine's state lives on Cloudflare. */
export interface DoStorageOptions {
  /** The Durable Object's storage (a class declared in `new_sqlite_classes`). */
  readonly storage: CfDurableObjectStorage;
  readonly bucket: CfR2Bucket;
  /** Key prefix of this engine's files in the bucket, ending in `/`. */
  readonly prefix: string;
  /** Names the object in error messages. */
  readonly label: string;
  readonly r2?: R2Sizes;
}

/** Opens the MetaStore, WAL and ObjectStore of one Durable Object. */
export function openDoStorage(opts: DoStorageOptions): Storage {
  const meta = new DoMetaStore(opts.storage, opts.label);
  const wal = new DoWal(opts.storage, opts.label);
  const objects = new R2ObjectStore(opts.bucket, opts.prefix, opts.r2);
  return {
    meta,
    wal,
    objects,
    async close() {
      await Promise.all([meta.close(), wal.close(), objects.close()]);
    },
  };
}
