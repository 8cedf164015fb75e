import { ErrorCode, QuiverError, type ErrorCodeValue } from '../errors.js';
import { MEMORY_LIMIT_EXCEEDED } from './errors.js';

/**
 * The loader of Quiver's WebAssembly module (`packages/core/wasm/quiver-hnsw.wasm`, built from
 * `wasm/hnswlib/`). It takes the module's bytes or a precompiled `WebAssembly.Module` — the caller
 * gets them the way its platform allows (a file in Node and Deno, a module import in workerd, a
 * fetch in a browser) — and supplies the two imports the standalone module has itself. No runtime
 * sniffing, no file paths, no globals, no code generation: the same code runs in a window, a
 * worker, Node, Deno and workerd.
 */

/** What the loader accepts: the module's bytes, or the module compiled already (workerd, caches). */
export type WasmSource = Uint8Array | ArrayBuffer | WebAssembly.Module;

/** The module's ABI version this loader speaks (`qv_abi_version`). */
export const WASM_ABI_VERSION = 1;

/** Status codes of the module's exports (mirrors `wasm/hnswlib/quiver.h`). */
export const WasmStatus = {
  Ok: 0,
  BadArgument: -1,
  Capacity: -2,
  NoMemory: -3,
  Corrupt: -4,
  NotFound: -5,
  Duplicate: -6,
  Internal: -7,
  State: -8,
} as const;

type Ptr = number;

/** The module's raw exports (see `wasm/hnswlib/*.cpp` for what each does). */
export interface WasmExports {
  readonly memory: WebAssembly.Memory;
  _initialize(): void;
  qv_abi_version(): number;
  qv_malloc(size: number): Ptr;
  qv_free(p: Ptr): void;
  qv_last_error(): Ptr;
  qv_last_error_code(): number;
  qv_hnsw_create(dim: number, metric: number, capacity: number, M: number, efc: number, seed: number): Ptr;
  qv_hnsw_add(h: Ptr, vecs: Ptr, n: number, firstRow: number): number;
  qv_hnsw_mark_deleted(h: Ptr, row: number): number;
  qv_hnsw_resize(h: Ptr, capacity: number): number;
  qv_hnsw_search(h: Ptr, q: Ptr, k: number, ef: number, bits: Ptr, nbits: number, strategy: number, rows: Ptr, scores: Ptr): number;
  qv_hnsw_count(h: Ptr): number;
  qv_hnsw_deleted(h: Ptr): number;
  qv_hnsw_capacity(h: Ptr): number;
  qv_hnsw_has(h: Ptr, row: number): number;
  qv_hnsw_memory(h: Ptr): number;
  qv_hnsw_m(h: Ptr): number;
  qv_hnsw_ef_construction(h: Ptr): number;
  qv_hnsw_free(h: Ptr): void;
  qv_hnsw_serialize(h: Ptr, outSize: Ptr): Ptr;
  qv_hnsw_load(bytes: Ptr, size: number, dim: number, metric: number, capacity: number): Ptr;
  qv_flat_create(dim: number, metric: number, capacity: number): Ptr;
  qv_flat_add(f: Ptr, vecs: Ptr, n: number, firstRow: number): number;
  qv_flat_mark_deleted(f: Ptr, row: number): number;
  qv_flat_search(f: Ptr, q: Ptr, k: number, bits: Ptr, nbits: number, rows: Ptr, scores: Ptr): number;
  qv_scan(base: Ptr, n: number, dim: number, metric: number, q: Ptr, k: number, bits: Ptr, nbits: number, firstRow: number, rows: Ptr, scores: Ptr): number;
  qv_flat_count(f: Ptr): number;
  qv_flat_rows(f: Ptr): number;
  qv_flat_has(f: Ptr, row: number): number;
  qv_flat_memory(f: Ptr): number;
  qv_flat_free(f: Ptr): void;
  qv_flat_serialize(f: Ptr, outSize: Ptr): Ptr;
  qv_flat_load(bytes: Ptr, size: number, dim: number, metric: number): Ptr;
}

const REQUIRED_EXPORTS: readonly (keyof WasmExports)[] = [
  'memory', '_initialize', 'qv_abi_version', 'qv_malloc', 'qv_free', 'qv_last_error', 'qv_last_error_code',
  'qv_hnsw_create', 'qv_hnsw_add', 'qv_hnsw_mark_deleted', 'qv_hnsw_resize', 'qv_hnsw_search', 'qv_hnsw_count',
  'qv_hnsw_deleted', 'qv_hnsw_capacity', 'qv_hnsw_has', 'qv_hnsw_memory', 'qv_hnsw_m', 'qv_hnsw_ef_construction',
  'qv_hnsw_free', 'qv_hnsw_serialize', 'qv_hnsw_load', 'qv_flat_create', 'qv_flat_add', 'qv_flat_mark_deleted',
  'qv_flat_search', 'qv_scan', 'qv_flat_count', 'qv_flat_rows', 'qv_flat_has', 'qv_flat_memory', 'qv_flat_free',
  'qv_flat_serialize', 'qv_flat_load',
];

const WASI_ENOSYS = 52;

/**
 * The imports the standalone module may ask for. Memory growth needs no action (views are made
 * fresh from `memory.buffer` at every use); `proc_exit` only runs if C++ aborts, which the wrapper
 * never lets happen, so it turns into an error instead of ending the host. Any other WASI function
 * a future build might import answers ENOSYS; an unknown `env` import is a build mistake.
 */
function importsFor(module: WebAssembly.Module): WebAssembly.Imports {
  const env: Record<string, WebAssembly.ImportValue> = {};
  const wasi: Record<string, WebAssembly.ImportValue> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== 'function') {
      throw new QuiverError(ErrorCode.Unexpected, `wasm module imports ${imp.kind} ${imp.module}.${imp.name}, which this loader does not provide`);
    }
    if (imp.module === 'env' && imp.name === 'emscripten_notify_memory_growth') {
      env[imp.name] = () => undefined;
    } else if (imp.module === 'wasi_snapshot_preview1' && imp.name === 'proc_exit') {
      wasi[imp.name] = (code: number) => {
        throw new QuiverError(ErrorCode.Unexpected, `wasm module tried to exit with status ${code}`);
      };
    } else if (imp.module === 'wasi_snapshot_preview1') {
      wasi[imp.name] = () => WASI_ENOSYS;
    } else {
      throw new QuiverError(ErrorCode.Unexpected, `wasm module imports ${imp.module}.${imp.name}, which this loader does not provide`);
    }
  }
  return { env, wasi_snapshot_preview1: wasi };
}

function isModule(source: WasmSource): source is WebAssembly.Module {
  return !(source instanceof ArrayBuffer) && !ArrayBuffer.isView(source);
}

/** Maps a module status code to Quiver's error code. */
function errorCodeFor(status: number): ErrorCodeValue {
  switch (status) {
    case WasmStatus.BadArgument:
    case WasmStatus.NotFound:
    case WasmStatus.Duplicate:
    case WasmStatus.State:
      return ErrorCode.InvalidParameter;
    case WasmStatus.Capacity:
      return ErrorCode.ParameterTooLarge;
    case WasmStatus.NoMemory:
      return MEMORY_LIMIT_EXCEEDED;
    case WasmStatus.Corrupt:
      return ErrorCode.Corrupted;
    default:
      return ErrorCode.Unexpected;
  }
}

/**
 * One instance of the module: its exports plus the memory helpers every engine needs. Single
 * threaded: calls never overlap, so the scratch buffers are shared by all indexes of an instance.
 */
export class QuiverWasm {
  /** The raw exports. */
  readonly x: WasmExports;
  private readonly scratch = new Map<string, { ptr: Ptr; size: number }>();

  private constructor(exports: WasmExports) {
    this.x = exports;
  }

  /** Instantiates the module from its bytes or a compiled module. */
  static async instantiate(source: WasmSource): Promise<QuiverWasm> {
    let module: WebAssembly.Module;
    try {
      module = isModule(source) ? source : await WebAssembly.compile(source);
    } catch (e) {
      throw new QuiverError(ErrorCode.Unexpected, `quiver-hnsw.wasm does not compile: ${(e as Error).message}`, { cause: e });
    }
    const instance = await WebAssembly.instantiate(module, importsFor(module));
    const exports = instance.exports as Partial<WasmExports>;
    for (const name of REQUIRED_EXPORTS) {
      if (exports[name] === undefined) throw new QuiverError(ErrorCode.Unexpected, `quiver-hnsw.wasm lacks the export ${name}`);
    }
    const x = exports as WasmExports;
    x._initialize();
    const abi = x.qv_abi_version();
    if (abi !== WASM_ABI_VERSION) {
      throw new QuiverError(ErrorCode.Unexpected, `quiver-hnsw.wasm has ABI version ${abi}; this loader speaks ${WASM_ABI_VERSION}`);
    }
    return new QuiverWasm(x);
  }

  /** Bytes of linear memory the instance holds now. */
  memoryBytes(): number {
    return this.x.memory.buffer.byteLength;
  }

  /** Allocates `size` bytes; throws MemoryLimitExceeded when memory cannot grow. */
  alloc(size: number, what: string): Ptr {
    const p = this.x.qv_malloc(size);
    if (p === 0) throw new QuiverError(MEMORY_LIMIT_EXCEEDED, `${what}: cannot allocate ${size} bytes of wasm memory`);
    return p >>> 0;
  }

  /** Frees what alloc returned. */
  free(p: Ptr): void {
    this.x.qv_free(p);
  }

  /**
   * A reusable buffer of at least `size` bytes for slot `name` (query, results, filter, vectors).
   * Valid until the next scratch() call for the same slot.
   */
  scratchBuf(name: string, size: number): Ptr {
    const s = this.scratch.get(name);
    if (s && s.size >= size) return s.ptr;
    if (s) this.free(s.ptr);
    this.scratch.delete(name);
    const grown = Math.max(size, s ? s.size * 2 : 64);
    const ptr = this.alloc(grown, `scratch ${name}`);
    this.scratch.set(name, { ptr, size: grown });
    return ptr;
  }

  /** A fresh byte view (memory may have grown since the last one). */
  u8(ptr: Ptr, len: number): Uint8Array {
    return new Uint8Array(this.x.memory.buffer, ptr, len);
  }

  /** A fresh float view; `ptr` must be 4-byte aligned (malloc results are). */
  f32(ptr: Ptr, len: number): Float32Array {
    return new Float32Array(this.x.memory.buffer, ptr, len);
  }

  /** A fresh int32 view; `ptr` must be 4-byte aligned. */
  i32(ptr: Ptr, len: number): Int32Array {
    return new Int32Array(this.x.memory.buffer, ptr, len);
  }

  /** Reads a uint32 at `ptr`. */
  u32At(ptr: Ptr): number {
    return new DataView(this.x.memory.buffer).getUint32(ptr, true);
  }

  /** The message of the module's last failed call. */
  lastError(): string {
    const p = this.x.qv_last_error() >>> 0;
    const mem = new Uint8Array(this.x.memory.buffer);
    let end = p;
    while (end < mem.length && mem[end] !== 0) end++;
    return new TextDecoder().decode(mem.subarray(p, end));
  }

  /** Throws a QuiverError for a negative status, naming `context`; returns non-negative ones. */
  check(status: number, context: string): number {
    if (status >= 0) return status;
    throw new QuiverError(errorCodeFor(status), `${context}: ${this.lastError()}`);
  }

  /** Throws a QuiverError when a pointer-returning call gave 0. */
  checkPtr(ptr: Ptr, context: string): Ptr {
    if (ptr !== 0) return ptr >>> 0;
    throw new QuiverError(errorCodeFor(this.x.qv_last_error_code()), `${context}: ${this.lastError()}`);
  }
}
