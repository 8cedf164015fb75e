// @quiver/browser: Quiver in a web page — catalog and WAL in IndexedDB, segment and index files
// in OPFS, one tab at a time per database (Web Locks), and the `open()` entry. The engine runs in
// the page for now; the QueryNode/IndexNode Web Workers are the next step.
import { openDatabase, type OpenOptions, type QuiverClient } from '@quiver/core';
import { createBrowserPlatform } from './platform.js';
import type { BrowserPlatformOptions } from './platform.js';

/** Options of {@link open}: the engine's options plus where the browser keeps things. */
export interface BrowserOpenOptions extends OpenOptions, BrowserPlatformOptions {}

/**
 * Opens the database at `uri` (`idb://<name>`, created when absent, or `memory://`) and returns a
 * client whose methods mirror Milvus's MilvusClient and take REST v2 bodies. A database is open
 * in one tab at a time: a second open fails with `Locked` (90006), or waits with
 * `storage: { lock: 'wait' }`.
 */
export function open(options: BrowserOpenOptions): Promise<QuiverClient> {
  const { storage, wasm, ...engine } = options ?? ({} as BrowserOpenOptions);
  return openDatabase(createBrowserPlatform({ ...(storage ? { storage } : {}), ...(wasm !== undefined ? { wasm } : {}) }), engine);
}

export { browserPlatform, createBrowserPlatform, openBrowserPlatformStorage } from './platform.js';
export type { BrowserPlatformOptions } from './platform.js';
export { WASM_URL, loadWasmModule } from './wasm.js';
export type { BrowserWasmSource } from './wasm.js';
export {
  IDB_SCHEMA_VERSION,
  IdbMetaStore,
  IdbWal,
  OpfsObjectStore,
  deleteBrowserStorage,
  idbDatabaseName,
  lockDatabase,
  lockName,
  openBrowserStorage,
  opfsDatabaseFolder,
  parseIdbUri,
} from './storage/index.js';
export type {
  BrowserStorage,
  BrowserStorageOptions,
  DatabaseLock,
  DatabaseLockOptions,
  IdbDurability,
  IdbStoreOptions,
  IdbWalOptions,
  LockBehavior,
  OpfsObjectStoreOptions,
  OpfsWriter,
} from './storage/index.js';
export type { OpenOptions };
export { QuiverClient, QuiverError, ErrorCode } from '@quiver/core';
