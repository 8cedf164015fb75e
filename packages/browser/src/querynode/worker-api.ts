// The QueryNode role inside a dedicated module worker: its own read handle on the database's OPFS
// object store and its own wasm engine; it loads segment and index files itself.
import { proxy, transfer, type ProxyMarked } from 'comlink';
import { hitBuffers, workerQueryNode } from '@quiver/core';
import type { QueryNode, WasmSource } from '@quiver/core';
import { OpfsObjectStore } from '../storage/opfs-object-store.js';
import { holdForever } from '../workers/start.js';

/** What the page sends a QueryNode worker to start the role on one database. */
export interface QueryNodeWorkerInit {
  /** The database name (`idb://<name>`); the worker opens OPFS `quiver/<name>/`. */
  readonly name: string;
  /** Quiver's wasm module (a compiled module is posted without recompiling). */
  readonly wasm: WasmSource;
  /** A Web Lock the worker holds for its whole life, so the page learns at once when it dies. */
  readonly lifeLock: string;
}

/** What a QueryNode worker exposes over Comlink: `open` starts the role and hands back its QueryNode. */
export interface QueryNodeWorkerApi {
  open(init: QueryNodeWorkerInit): Promise<QueryNode & ProxyMarked>;
}

/**
 * Opens the QueryNode role in this worker: takes the life lock, opens the database's OPFS object
 * store (reads only; `tmp/` is left alone), and returns core's `createQueryNode` over it, whose
 * search results go back as transferables and whose QuiverErrors keep their codes.
 */
export async function openWorkerQueryNode(init: QueryNodeWorkerInit): Promise<QueryNode> {
  await holdForever(init.lifeLock);
  const objects = await OpfsObjectStore.open(init.name, { writer: 'sync', clearTmp: false });
  return workerQueryNode(objects, init.wasm, (hits) => transfer(hits, hitBuffers(hits)));
}

/** The object the QueryNode worker entry exposes. */
export const queryNodeWorkerApi: QueryNodeWorkerApi = {
  async open(init) {
    return proxy(await openWorkerQueryNode(init));
  },
};
