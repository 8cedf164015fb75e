// @quiver/node: Quiver for Node — file storage and the `open()` entry.
import { openDatabase, type OpenOptions, type QuiverClient } from '@quiver/core';
import { nodePlatform } from './platform.js';

/**
 * Opens the database at `uri` (`memory://` or `file:///absolute/dir`, created when absent) and
 * returns a client whose methods mirror Milvus's MilvusClient and take REST v2 bodies.
 */
export function open(options: OpenOptions): Promise<QuiverClient> {
  return openDatabase(nodePlatform, options);
}

export { nodePlatform, openNodeStorage } from './platform.js';
export { openFileStorage } from './storage/index.js';
export { loadWasmBytes, loadWasmModule, wasmPath } from './wasm.js';
export type { OpenOptions };
export { QuiverClient, QuiverError, ErrorCode } from '@quiver/core';
