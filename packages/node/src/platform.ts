import { fileURLToPath } from 'node:url';
import { ErrorCode, QuiverError, openMemoryStorage, systemClock, type Platform, type Storage } from '@quiver/core';
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

/** The Node platform: file and memory storage, the system clock, Node timers (unref'd). */
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
