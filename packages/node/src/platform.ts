import { fileURLToPath } from 'node:url';
import { ErrorCode, QuiverError, openMemoryStorage, systemClock, type Platform, type QueryNodeLauncher, type Storage } from '@quiver/core';
import { threadQueryNodes, type QueryThreadOptions } from './querynode/launcher.js';
import { openFileStorage } from './storage/index.js';
import { loadWasmModule } from './wasm.js';

/** Opens storage by URI scheme: `memory://` or `file:///absolute/dir`. */
export async function openNodeStorage(uri: string): Promise<Storage> {
  if (uri === 'memory://' || uri.startsWith('memory://')) return openMemoryStorage();
  if (uri.startsWith('file://')) {
    let dir: string;
    try {
      dir = fileURLToPath(uri);
    } catch (e) {
      throw new QuiverError(ErrorCode.InvalidParameter, `uri: "${uri}" is not a valid file:// URL (use file:///absolute/path): ${(e as Error).message}`);
    }
    return openFileStorage(dir);
  }
  throw new QuiverError(ErrorCode.InvalidParameter, `uri: unsupported scheme in "${uri}"; @quiver/node opens memory:// and file:///absolute/path`);
}

/** The Node platform: file and memory storage, the system clock, Node timers (unref'd); search in this thread. */
export const nodePlatform: Platform = {
  openStorage: openNodeStorage,
  clock: systemClock,
  wasm: loadWasmModule,
  // setImmediate keeps the process alive while a build pauses (an unref'd timer would not: a close()
  // waiting for that build would then end the process with its promise pending).
  yieldToEventLoop: () => new Promise<void>((resolve) => setImmediate(resolve)),
  setTimer(fn: () => void, ms: number) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};

/** Options of {@link createNodePlatform}. */
export interface NodePlatformOptions {
  /**
   * QueryNode worker threads of `file://` databases: how many (`'auto'`: `min(cores - 1, 4)`, at
   * least 1), or pool options; `0` (default) searches in this thread. QueryCoord spreads sealed
   * segments over them and a search runs in all of them in parallel; growing segments stay here.
   * `close()` stops them.
   */
  readonly queryWorkers?: number | 'auto' | QueryThreadOptions;
}

/** The Node platform, with QueryNode worker threads for `file://` databases when asked; one platform serves one database. */
export function createNodePlatform(options: NodePlatformOptions = {}): Platform {
  const threads = queryThreadOptions(options.queryWorkers);
  if (!threads) return nodePlatform;
  let launcher: QueryNodeLauncher | undefined;
  return {
    ...nodePlatform,
    async openStorage(uri) {
      const storage = await openNodeStorage(uri);
      if (uri.startsWith('file://')) launcher = threadQueryNodes(fileURLToPath(uri), loadWasmModule, threads);
      return storage;
    },
    queryNodes: () => launcher,
  };
}

function queryThreadOptions(q: NodePlatformOptions['queryWorkers']): QueryThreadOptions | undefined {
  if (q === undefined || q === 0) return undefined;
  if (q === 'auto') return {};
  if (typeof q === 'number') {
    if (!Number.isInteger(q) || q < 0 || q > 64) throw new QuiverError(ErrorCode.InvalidParameter, `queryWorkers: ${q} is not a whole number from 0 to 64`);
    return { count: q };
  }
  if (typeof q !== 'object' || q === null) throw new QuiverError(ErrorCode.InvalidParameter, `queryWorkers: expected a number, 'auto' or options, got ${JSON.stringify(q)}`);
  if (q.count !== undefined && (!Number.isInteger(q.count) || q.count < 1 || q.count > 64)) throw new QuiverError(ErrorCode.InvalidParameter, `queryWorkers.count: ${q.count} is not a whole number from 1 to 64`);
  return q;
}
