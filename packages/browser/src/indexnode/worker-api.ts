// The IndexNode and DataNode roles inside a dedicated module worker: its own OPFS object store on
// the database (blobs written with sync access handles + flush) and its own wasm engine instance.
import { proxy, type ProxyMarked } from 'comlink';
import { createIndexNode, lazyEngine } from '@quiver/core';
import type { DataNode, IndexNode, WasmSource } from '@quiver/core';
import { OpfsObjectStore } from '../storage/opfs-object-store.js';
import { holdForever, sendErrors } from '../workers/start.js';

/** What the page sends the worker to start the role on one database. */
export interface IndexNodeWorkerInit {
  /** The database name (`idb://<name>`); the worker opens OPFS `quiver/<name>/`. */
  readonly name: string;
  /** Quiver's wasm module (a compiled module is posted without recompiling). */
  readonly wasm: WasmSource;
  /** A Web Lock the worker holds for its whole life, so the page learns at once when it dies. */
  readonly lifeLock: string;
}

/** What the IndexNode worker exposes over Comlink: `open` starts the roles and hands back its IndexNode + DataNode. */
export interface IndexNodeWorkerApi {
  open(init: IndexNodeWorkerInit): Promise<IndexNode & DataNode & ProxyMarked>;
}

/**
 * Opens the IndexNode and DataNode roles in this worker: takes the life lock, opens the database's OPFS object
 * store with the sync-access-handle writer (leaving `tmp/` alone: the page's store writes there
 * too), and returns core's `createIndexNode` over it and a wasm engine made on first use, and a
 * DataNode that writes segment files through the same store.
 */
export async function openWorkerIndexNode(init: IndexNodeWorkerInit): Promise<IndexNode & DataNode> {
  await holdForever(init.lifeLock);
  const objects = await OpfsObjectStore.open(init.name, { writer: 'sync', clearTmp: false });
  const index = createIndexNode(objects, lazyEngine(init.wasm));
  return sendErrors<IndexNode & DataNode>({
    buildIndex: (task) => index.buildIndex(task),
    // DataNode: the segment file is written here with a sync access handle and flush().
    writeSegment: (task) => objects.put(task.path, task.bytes),
  });
}

/** The object the IndexNode worker entry exposes. */
export const indexNodeWorkerApi: IndexNodeWorkerApi = {
  async open(init) {
    return proxy(await openWorkerIndexNode(init));
  },
};
