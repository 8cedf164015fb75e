// The Deno platform: Deno KV storage (`deno-kv:///abs/file.sqlite`, `deno-kv://` for the
// default database, which is the managed one on Deno Deploy) or memory, the wasm module read
// from @quiver/core's folder and compiled, and timers.
import { ErrorCode, QuiverError, openMemoryStorage, systemClock, type Platform, type Storage } from '@quiver/core';
import { openKvStorage } from './storage/kv-storage.js';

let compiled: Promise<WebAssembly.Module> | undefined;

/** Quiver's wasm module, compiled once per process. Relative so it resolves from src/ and dist/, in the monorepo and in node_modules. */
export function loadWasm(): Promise<WebAssembly.Module> {
  compiled ??= Deno.readFile(new URL('../../../core/wasm/quiver-hnsw.wasm', import.meta.url)).then((b) => WebAssembly.compile(b));
  return compiled;
}

/** Opens storage by URI: `memory://`, `deno-kv:///absolute/path.sqlite` or `deno-kv://` (Deno.openKv() with no path). */
export async function openDenoStorage(uri: string): Promise<Storage> {
  if (uri.startsWith('memory://')) return openMemoryStorage();
  if (uri.startsWith('deno-kv://')) {
    const path = decodeURIComponent(uri.slice('deno-kv://'.length));
    return openKvStorage(await Deno.openKv(path === '' ? undefined : path), 'quiver', { closeKv: true });
  }
  throw new QuiverError(ErrorCode.InvalidParameter, `uri: unsupported scheme in "${uri}"; the Deno entry opens memory://, deno-kv:///abs/path.sqlite and deno-kv://`);
}

/** The Deno platform. */
export const denoPlatform: Platform = {
  openStorage: openDenoStorage,
  clock: systemClock,
  wasm: loadWasm,
  setTimer(fn: () => void, ms: number) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};
