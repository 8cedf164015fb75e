import { ErrorCode, QuiverError, createIndexNode, createWasmEngine, openMemoryStorage, systemClock } from '@quiver/core';
import type { AnnEngine, DataNode, IndexNode, Platform, QueryNodeLauncher, Storage, WasmSource } from '@quiver/core';
import { workerQueryNodes, type QueryWorkerOptions } from './querynode/launcher.js';
import { WorkerIndexNode } from './indexnode/worker-index-node.js';
import type { IndexNodeWorkerOptions } from './indexnode/worker-index-node.js';
import { openBrowserStorage } from './storage/browser-storage.js';
import type { BrowserStorage, BrowserStorageOptions } from './storage/browser-storage.js';
import { loadWasmModule } from './wasm.js';
import type { BrowserWasmSource } from './wasm.js';

/** Where index builds run: a module Web Worker (with retry and in-process fallback) or this thread. */
export type IndexNodePlacement = 'worker' | 'in-process' | IndexNodeWorkerOptions;

/** Options of {@link createBrowserPlatform}. */
export interface BrowserPlatformOptions {
  /** Options of `idb://` storage (durability, lock behavior, OPFS writer, persistence). */
  readonly storage?: BrowserStorageOptions;
  /** Quiver's wasm module, when the default URL next to `@quiver/core` does not suit (a CDN, a cache). */
  readonly wasm?: BrowserWasmSource;
  /**
   * Where `idb://` databases build their index files: `'worker'` (default: the IndexNode module
   * worker, see {@link WorkerIndexNode}), worker options, or `'in-process'` (this thread).
   * `memory://` databases always build in-process (a worker cannot see their objects).
   */
  readonly indexNode?: IndexNodePlacement;
  /**
   * QueryNode workers of `idb://` databases: how many (default `min(hardwareConcurrency - 1, 4)`,
   * at least 1), or pool options; `0` searches on this thread. QueryCoord spreads sealed segments
   * over them and a search runs in all of them in parallel; growing segments stay on this thread.
   */
  readonly queryWorkers?: number | QueryWorkerOptions;
}

/** Opens storage by URI scheme: `idb://<name>` (IndexedDB + OPFS) or `memory://`. */
export async function openBrowserPlatformStorage(uri: string, options: BrowserStorageOptions = {}): Promise<Storage> {
  if (typeof uri === 'string' && uri.startsWith('memory://')) return openMemoryStorage();
  if (typeof uri === 'string' && uri.startsWith('idb://')) return openBrowserStorage(uri, options);
  throw new QuiverError(ErrorCode.InvalidParameter, `uri: unsupported scheme in ${JSON.stringify(uri)}; @quiver/browser opens idb://<name> and memory://`);
}

/**
 * A browser platform: `idb://` and `memory://` storage, the system clock, `setTimeout` timers, the
 * wasm module fetched from its URL, and (unless `indexNode: 'in-process'`) index builds in the
 * IndexNode module worker, which is terminated when the storage closes. With a worker, one
 * platform serves one database at a time; `open()` makes a platform per call.
 */
export function createBrowserPlatform(options: BrowserPlatformOptions = {}): Platform {
  const source = options.wasm;
  const wasm = async (): Promise<WasmSource> => (source === undefined || typeof source === 'string' || source instanceof URL ? loadWasmModule(source) : source);
  const placement = options.indexNode ?? 'worker';
  const queryWorkers = queryWorkerOptions(options.queryWorkers);
  let role: IndexNode | undefined;
  let data: DataNode | undefined;
  let queryNodes: QueryNodeLauncher | undefined;
  const platform: Platform = {
    async openStorage(uri) {
      const storage = await openBrowserPlatformStorage(uri, options.storage);
      if (!isBrowserStorage(storage)) {
        if (placement !== 'in-process') role = inProcess(storage, wasm);
        return storage;
      }
      // Workers open the database's OPFS folder themselves, so only idb:// databases get them.
      if (queryWorkers) queryNodes = workerQueryNodes(storage.name, wasm, queryWorkers);
      if (placement === 'in-process') return storage;
      const local = inProcess(storage, wasm);
      const worker = new WorkerIndexNode({ name: storage.name, wasm, fallback: () => local, dataFallback: () => ({ writeSegment: (t) => storage.objects.put(t.path, t.bytes) }) }, typeof placement === 'object' ? placement : {});
      role = worker;
      data = worker;
      return {
        ...storage,
        close: () => {
          worker.close();
          return storage.close();
        },
      } satisfies BrowserStorage;
    },
    clock: systemClock,
    wasm,
    setTimer(fn: () => void, ms: number) {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
    queryNodes: () => queryNodes,
    dataNode: () => data,
  };
  if (placement === 'in-process') return platform;
  return {
    ...platform,
    indexNode() {
      if (role === undefined) throw new QuiverError(ErrorCode.Unexpected, 'the IndexNode was asked for before the storage was opened');
      return role;
    },
  };
}

/** The pool options `queryWorkers` names: undefined when search stays on this thread (0). */
function queryWorkerOptions(q: BrowserPlatformOptions['queryWorkers']): QueryWorkerOptions | undefined {
  if (q === undefined) return {};
  if (typeof q === 'number') {
    if (!Number.isInteger(q) || q < 0 || q > 64) throw new QuiverError(ErrorCode.InvalidParameter, `queryWorkers: ${q} is not a whole number from 0 to 64`);
    return q === 0 ? undefined : { count: q };
  }
  if (typeof q !== 'object' || q === null) throw new QuiverError(ErrorCode.InvalidParameter, `queryWorkers: expected a number or options, got ${JSON.stringify(q)}`);
  if (q.count !== undefined && (!Number.isInteger(q.count) || q.count < 1 || q.count > 64)) throw new QuiverError(ErrorCode.InvalidParameter, `queryWorkers.count: ${q.count} is not a whole number from 1 to 64`);
  return q;
}

/** Core's in-process IndexNode over `storage` with a wasm engine of its own (made on first build). */
function inProcess(storage: Storage, wasm: () => Promise<WasmSource>): IndexNode {
  let engine: Promise<AnnEngine> | undefined;
  return createIndexNode(storage.objects, () => {
    engine ??= wasm().then(createWasmEngine);
    engine.catch(() => (engine = undefined));
    return engine;
  });
}

function isBrowserStorage(s: Storage): s is BrowserStorage {
  return typeof (s as Partial<BrowserStorage>).name === 'string' && 'persisted' in s;
}

/** The browser platform with default options, but index builds and searches in-process (a shared platform serves many databases). */
export const browserPlatform: Platform = createBrowserPlatform({ indexNode: 'in-process', queryWorkers: 0 });
