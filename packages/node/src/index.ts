// @quiver/node: Quiver for Node — file storage and the `open()` entry.
import { openDatabase, type OpenOptions, type QuiverClient } from '@quiver/core';
import { createNodePlatform, type NodePlatformOptions } from './platform.js';

/** Options of {@link open}: the engine's options plus where searches run. */
export interface NodeOpenOptions extends OpenOptions, NodePlatformOptions {}

/**
 * Opens the database at `uri` (`memory://` or `file:///absolute/dir`, created when absent) and
 * returns a client whose methods mirror Milvus's MilvusClient and take REST v2 bodies. With
 * `queryWorkers`, sealed segments of a `file://` database are searched in worker threads.
 */
export async function open(options: NodeOpenOptions): Promise<QuiverClient> {
  const { queryWorkers, ...engine } = options ?? ({} as NodeOpenOptions);
  return openDatabase(createNodePlatform(queryWorkers === undefined ? {} : { queryWorkers }), engine);
}

export { createNodePlatform, nodePlatform, openNodeStorage } from './platform.js';
export type { NodePlatformOptions } from './platform.js';
export { defaultQueryThreads, queryThreadEntry, queryThreadOptions, threadQueryNodes } from './querynode/launcher.js';
export type { QueryThreadOptions } from './querynode/launcher.js';
export { openFileStorage } from './storage/index.js';
export { loadWasmBytes, loadWasmModule, wasmPath } from './wasm.js';
export type { OpenOptions };
export { QuiverClient, QuiverError, ErrorCode } from '@quiver/core';
