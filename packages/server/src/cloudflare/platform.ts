// The Cloudflare platform for the engine inside a Durable Object: its SQLite storage for catalog
// and WAL, R2 for files, the wasm module as wrangler/workerd hand it over (precompiled: workerd
// refuses to compile wasm from bytes at run time), and timers.
import { systemClock, type Platform } from '@quiver/core';
// Relative so it resolves both in the monorepo and in node_modules/@quiver/{server,core}.
import wasmModule from '../../../core/wasm/quiver-hnsw.wasm';
import { openDoStorage, type DoStorageOptions } from './storage/do-storage.js';

/** The engine's platform for one Durable Object; every `openStorage` URI opens that object's storage. */
export function cloudflarePlatform(storage: DoStorageOptions): Platform {
  return {
    async openStorage() {
      return openDoStorage(storage);
    },
    clock: systemClock,
    async wasm() {
      return wasmModule;
    },
    setTimer(fn: () => void, ms: number) {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
  };
}
