// @quiver/server/cloudflare: Quiver on Cloudflare Workers. The Worker is the stateless Proxy
// (`createProxy`); `QuiverDurableObject` holds one database's engine with its catalog and WAL in
// Durable Object SQLite storage and its segment files in R2. `worker.ts` is the deployable entry.
export { createProxy } from './proxy.js';
export { QuiverDurableObject } from './durable-object.js';
export type { AuthorizeRequest } from './durable-object.js';
export { readConfig, WORKERS_MAX_PBKDF2_ITERATIONS } from './config.js';
export type { QuiverConfig, QuiverEnv } from './config.js';
export { cloudflarePlatform } from './platform.js';
export { openDoStorage } from './storage/do-storage.js';
export type { DoStorageOptions } from './storage/do-storage.js';
export { DoMetaStore } from './storage/do-meta-store.js';
export { DoWal } from './storage/do-wal.js';
export { R2ObjectStore, deleteR2Prefix } from './storage/r2-object-store.js';
export type { R2Sizes } from './storage/r2-object-store.js';
export { r2ImportSource } from './import-source.js';
export { callObject, databaseObject, objectPrefix, ROOT_OBJECT } from './objects.js';
