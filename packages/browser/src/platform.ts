import { ErrorCode, QuiverError, openMemoryStorage, systemClock } from '@quiver/core';
import type { Platform, Storage } from '@quiver/core';
import { openBrowserStorage } from './storage/browser-storage.js';
import type { BrowserStorageOptions } from './storage/browser-storage.js';
import { loadWasmModule } from './wasm.js';
import type { BrowserWasmSource } from './wasm.js';

/** Options of {@link createBrowserPlatform}. */
export interface BrowserPlatformOptions {
  /** Options of `idb://` storage (durability, lock behavior, OPFS writer, persistence). */
  readonly storage?: BrowserStorageOptions;
  /** Quiver's wasm module, when the default URL next to `@quiver/core` does not suit (a CDN, a cache). */
  readonly wasm?: BrowserWasmSource;
}

/** Opens storage by URI scheme: `idb://<name>` (IndexedDB + OPFS) or `memory://`. */
export async function openBrowserPlatformStorage(uri: string, options: BrowserStorageOptions = {}): Promise<Storage> {
  if (typeof uri === 'string' && uri.startsWith('memory://')) return openMemoryStorage();
  if (typeof uri === 'string' && uri.startsWith('idb://')) return openBrowserStorage(uri, options);
  throw new QuiverError(ErrorCode.InvalidParameter, `uri: unsupported scheme in ${JSON.stringify(uri)}; @quiver/browser opens idb://<name> and memory://`);
}

/** A browser platform: `idb://` and `memory://` storage, the system clock, `setTimeout` timers, the wasm module fetched from its URL. */
export function createBrowserPlatform(options: BrowserPlatformOptions = {}): Platform {
  const source = options.wasm;
  return {
    openStorage: (uri) => openBrowserPlatformStorage(uri, options.storage),
    clock: systemClock,
    async wasm() {
      if (source === undefined || typeof source === 'string' || source instanceof URL) return loadWasmModule(source);
      return source;
    },
    setTimer(fn: () => void, ms: number) {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
  };
}

/** The browser platform with default options. */
export const browserPlatform: Platform = createBrowserPlatform();
