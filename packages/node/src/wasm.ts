import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * Where `quiver-hnsw.wasm` lives: resolved through @quiver/core's `./quiver-hnsw.wasm` export, so
 * it is found both in this workspace (sources) and in an installed package, wherever npm put it.
 */
export function wasmPath(): string {
  return createRequire(import.meta.url).resolve('@quiver/core/quiver-hnsw.wasm');
}

let bytes: Promise<Uint8Array> | undefined;
let compiled: Promise<WebAssembly.Module> | undefined;

/** Reads Quiver's wasm module from @quiver/core (once per process; do not modify the bytes). */
export function loadWasmBytes(): Promise<Uint8Array> {
  bytes ??= readFile(wasmPath()).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  return bytes;
}

/** The module compiled once per process; post it to worker_threads to instantiate it there without recompiling. */
export function loadWasmModule(): Promise<WebAssembly.Module> {
  compiled ??= loadWasmBytes().then((b) => WebAssembly.compile(b));
  return compiled;
}
