// The IndexNode role inside a dedicated module worker: its own OPFS object store on the database
// (blobs written with sync access handles + flush) and its own wasm engine instance.
import { proxy, type ProxyMarked } from 'comlink';
import { createIndexNode, createWasmEngine } from '@quiver/core';
import type { AnnEngine, IndexNode, WasmSource } from '@quiver/core';
import { OpfsObjectStore } from '../storage/opfs-object-store.js';

/** What the page sends the worker to start the role on one database. */
export interface IndexNodeWorkerInit {
  /** The database name (`idb://<name>`); the worker opens OPFS `quiver/<name>/`. */
  readonly name: string;
  /** Quiver's wasm module (a compiled module is posted without recompiling). */
  readonly wasm: WasmSource;
  /** A Web Lock the worker holds for its whole life, so the page learns at once when it dies. */
  readonly lifeLock: string;
}

/** What the IndexNode worker exposes over Comlink: `open` starts the role and hands back its IndexNode. */
export interface IndexNodeWorkerApi {
  open(init: IndexNodeWorkerInit): Promise<IndexNode & ProxyMarked>;
}

/** Takes `name` and keeps it until this context goes away; resolves once it is held. */
function holdForever(name: string): Promise<void> {
  return new Promise<void>((held, fail) => {
    navigator.locks.request(name, () => {
      held();
      return new Promise<never>(() => undefined);
    }).catch(fail);
  });
}

/**
 * Opens the IndexNode role in this worker: takes the life lock, opens the database's OPFS object
 * store with the sync-access-handle writer (leaving `tmp/` alone: the page's store writes there
 * too), and returns core's `createIndexNode` over it and a wasm engine made on first use.
 */
export async function openWorkerIndexNode(init: IndexNodeWorkerInit): Promise<IndexNode> {
  await holdForever(init.lifeLock);
  const objects = await OpfsObjectStore.open(init.name, { writer: 'sync', clearTmp: false });
  let engine: Promise<AnnEngine> | undefined;
  return createIndexNode(objects, () => {
    engine ??= createWasmEngine(init.wasm);
    engine.catch(() => (engine = undefined));
    return engine;
  });
}

/** The object the IndexNode worker entry exposes. */
export const indexNodeWorkerApi: IndexNodeWorkerApi = {
  async open(init) {
    return proxy(await openWorkerIndexNode(init));
  },
};
