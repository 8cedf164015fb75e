import { ErrorCode, QuiverError } from '@quiver/core';

/**
 * Where `quiver-hnsw.wasm` is: `@quiver/core/wasm/`, found relative to this module (the same
 * `../../core/wasm/` from `src/` in the workspace and from `dist/` in an installed package, where
 * npm and pnpm put `@quiver/core` beside `@quiver/browser`). Bundlers see the
 * `new URL(…, import.meta.url)` pattern and ship the file as an asset: Vite needs no plugin.
 */
export const WASM_URL: URL = new URL('../../core/wasm/quiver-hnsw.wasm', import.meta.url);

/** What a browser page can hand the engine as its wasm: a URL to fetch, the bytes, or a compiled module. */
export type BrowserWasmSource = string | URL | Uint8Array | ArrayBuffer | WebAssembly.Module;

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/**
 * Fetches and compiles Quiver's wasm module once per URL (streaming when the server sends
 * `application/wasm`); the module can be posted to workers to instantiate without recompiling.
 */
export function loadWasmModule(url: string | URL = WASM_URL): Promise<WebAssembly.Module> {
  const key = String(url);
  let p = compiled.get(key);
  if (p === undefined) {
    p = compileFrom(key);
    compiled.set(key, p);
    p.catch(() => compiled.delete(key)); // a failed load may be retried
  }
  return p;
}

async function compileFrom(url: string): Promise<WebAssembly.Module> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new QuiverError(ErrorCode.IoFailed, `cannot fetch Quiver's wasm module from ${url}: ${(e as Error).message}`, { cause: e });
  }
  if (!res.ok) throw new QuiverError(ErrorCode.IoFailed, `cannot fetch Quiver's wasm module from ${url}: HTTP ${res.status}`);
  try {
    const type = res.headers.get('content-type')?.split(';')[0]?.trim();
    if (type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function') return await WebAssembly.compileStreaming(res);
    return await WebAssembly.compile(await res.arrayBuffer());
  } catch (e) {
    throw new QuiverError(ErrorCode.IoFailed, `cannot compile Quiver's wasm module from ${url}: ${(e as Error).message}`, { cause: e });
  }
}
