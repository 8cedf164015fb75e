// The QueryNode role inside a worker thread: its own read handle on the data folder's objects and
// its own wasm engine; it loads segment and index files itself.
import { proxy, transfer, type ProxyMarked } from 'comlink';
import { hitBuffers, workerQueryNode } from '@quiver/core';
import type { QueryNode } from '@quiver/core';
import { FileObjectStore } from '../storage/file-object-store.js';

/** What the parent sends a QueryNode thread to start the role on one data folder. */
export interface QueryNodeThreadInit {
  /** The data folder (`file://` path). */
  readonly dir: string;
  /** Quiver's compiled wasm module (posted without recompiling). */
  readonly wasm: WebAssembly.Module;
}

/** What a QueryNode thread exposes over Comlink. */
export interface QueryNodeThreadApi {
  open(init: QueryNodeThreadInit): Promise<QueryNode & ProxyMarked>;
}

/**
 * Opens the QueryNode role in this thread over the data folder's object files (read only: the
 * parent's store owns `objects.tmp/`), with search results sent back as transferables and
 * QuiverErrors keeping their codes.
 */
export async function openThreadQueryNode(init: QueryNodeThreadInit): Promise<QueryNode> {
  const objects = await FileObjectStore.open(init.dir, { clearTmp: false });
  return workerQueryNode(objects, init.wasm, (hits) => transfer(hits, hitBuffers(hits)));
}

/** The object the QueryNode thread entry exposes. */
export const queryNodeThreadApi: QueryNodeThreadApi = {
  async open(init) {
    return proxy(await openThreadQueryNode(init));
  },
};
