// @quiver/browser: Quiver in a web page — catalog and WAL in IndexedDB, segment and index files
// in OPFS, index builds in a module Web Worker (Comlink), one leader tab per database (Web Locks)
// that other tabs may share over BroadcastChannel, and the `open()` entry.
import { ErrorCode, QuiverError, openDatabase, type OpenOptions } from '@quiver/core';
import { BrowserClient } from './client.js';
import { createBrowserPlatform } from './platform.js';
import type { BrowserPlatformOptions } from './platform.js';
import { parseIdbUri } from './storage/uri.js';
import { localBackend } from './tabs/backend.js';
import { TabSession } from './tabs/session.js';

/** How tabs use one `idb://` database: `exclusive` (one tab; others get `Locked`) or `share` (other tabs forward to the one that has it open). */
export type TabSharing = 'exclusive' | 'share';

/** Options of {@link open}: the engine's options plus where the browser keeps things. */
export interface BrowserOpenOptions extends OpenOptions, BrowserPlatformOptions {
  /**
   * `exclusive` (default): the database is open in this tab only; an open in another tab fails
   * with `Locked` (or waits, `storage: { lock: 'wait' }`). `share`: every tab that opens it with
   * `share` gets a client; the tab holding the database's Web Lock runs the engine and the others
   * forward their calls to it over BroadcastChannel; when it closes, another takes over.
   */
  readonly tabs?: TabSharing;
  /**
   * With `tabs: 'share'`: how long a forwarded call waits without hearing from a leader tab before
   * it fails with the retryable `ServiceNotReady` (1), and how long `open` looks for a leader
   * before failing with `Locked`; default 10,000 ms.
   */
  readonly tabTimeoutMs?: number;
}

/**
 * Opens the database at `uri` (`idb://<name>`, created when absent, or `memory://`) and returns a
 * client whose methods mirror Milvus's MilvusClient and take REST v2 bodies. By default a
 * database is open in one tab at a time: a second open fails with `Locked` (90006), or waits with
 * `storage: { lock: 'wait' }`; with `tabs: 'share'` tabs share it through a leader tab.
 */
export async function open(options: BrowserOpenOptions): Promise<BrowserClient> {
  const { storage, wasm, indexNode, queryWorkers, tabs = 'exclusive', tabTimeoutMs = 10_000, ...engine } = options ?? ({} as BrowserOpenOptions);
  const idb = typeof engine.uri === 'string' && engine.uri.startsWith('idb://');
  const platform = (held?: BrowserPlatformOptions['storage']) =>
    createBrowserPlatform({ ...(held ? { storage: held } : storage ? { storage } : {}), ...(wasm !== undefined ? { wasm } : {}), indexNode: idb ? (indexNode ?? 'worker') : 'in-process', queryWorkers: idb ? queryWorkers : 0 });
  if (tabs === 'exclusive') return new BrowserClient(localBackend(await openDatabase(platform(), engine)));
  if (tabs !== 'share') throw new QuiverError(ErrorCode.InvalidParameter, `tabs must be "exclusive" or "share", got ${JSON.stringify(tabs)}`);
  if (typeof tabTimeoutMs !== 'number' || !(tabTimeoutMs > 0)) throw new QuiverError(ErrorCode.InvalidParameter, `tabTimeoutMs must be a positive number of milliseconds, got ${String(tabTimeoutMs)}`);
  const name = parseIdbUri(engine.uri); // sharing needs idb:// (memory:// lives in one tab)
  const session = await TabSession.join(name, tabTimeoutMs, (lock) => openDatabase(platform({ ...storage, held: lock }), engine));
  return new BrowserClient(session);
}

export { BrowserClient, storageEstimate } from './client.js';
export type { StorageEstimateFields } from './client.js';
export type { ClientBackend } from './tabs/backend.js';
export { TabSession } from './tabs/session.js';
export type { OpenLeader } from './tabs/session.js';
export { browserPlatform, createBrowserPlatform, openBrowserPlatformStorage } from './platform.js';
export type { BrowserPlatformOptions, IndexNodePlacement } from './platform.js';
export { WorkerIndexNode } from './indexnode/worker-index-node.js';
export { defaultQueryWorkers, workerQueryNodes } from './querynode/launcher.js';
export type { QueryWorkerOptions } from './querynode/launcher.js';
export { openWorkerQueryNode, queryNodeWorkerApi } from './querynode/worker-api.js';
export type { QueryNodeWorkerApi, QueryNodeWorkerInit } from './querynode/worker-api.js';
export { spawnQueryNodeWorker } from './querynode/spawn.js';
export type { IndexNodeFailure, IndexNodeWorkerOptions, IndexNodeWorkerSetup } from './indexnode/worker-index-node.js';
export { indexNodeWorkerApi, openWorkerIndexNode } from './indexnode/worker-api.js';
export type { IndexNodeWorkerApi, IndexNodeWorkerInit } from './indexnode/worker-api.js';
export { spawnIndexNodeWorker } from './indexnode/spawn.js';
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
