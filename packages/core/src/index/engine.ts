import { ErrorCode, QuiverError } from '../errors.js';
import { openBlob } from './blob.js';
import { createWasmFlat, flatScan, WasmFlatIndex } from './flat-index.js';
import { createWasmHnsw, WasmHnswIndex } from './hnsw-index.js';
import { intParam, MAX_ROWS, metricCode, resolveSpec } from './params.js';
import type { AnnEngine, AnnIndex, AnnSearchResult, FlatScanOptions, IndexSpec } from './types.js';
import { loadFrom } from './wasm-calls.js';
import { QuiverWasm, type WasmSource } from './wasm-module.js';

/** Quiver's own engine: FLAT and HNSW indexes inside one instance of `quiver-hnsw.wasm`. */
class WasmEngine implements AnnEngine {
  readonly name = 'quiver-wasm';
  constructor(private readonly w: QuiverWasm) {}

  createIndex(spec: IndexSpec): AnnIndex {
    const s = resolveSpec(spec);
    if (s.kind === 'FLAT') return createWasmFlat(this.w, s.dim, s.metric, s.capacity, s.name);
    return createWasmHnsw(this.w, s.dim, s.metric, s.params!, s.capacity, s.seed, s.name);
  }

  loadIndex(bytes: Uint8Array, name: string, opts: { capacity?: number } = {}): AnnIndex {
    const { header, payload } = openBlob(bytes, name);
    const capacity = opts.capacity === undefined ? 0 : intParam(opts.capacity, 'capacity', 0, MAX_ROWS);
    const metric = metricCode(header.metric);
    try {
      if (header.kind === 'FLAT') {
        const f = loadFrom(this.w, payload, `FLAT index '${name}': load`, (p, len) => this.w.x.qv_flat_load(p, len, header.dim, metric));
        return new WasmFlatIndex(this.w, f, header.dim, header.metric, name);
      }
      const h = loadFrom(this.w, payload, `HNSW index '${name}': load`, (p, len) => this.w.x.qv_hnsw_load(p, len, header.dim, metric, capacity));
      return new WasmHnswIndex(this.w, h, header.dim, header.metric, name);
    } catch (e) {
      // A blob whose checksums hold but whose payload the module refuses was written wrong: still corrupted.
      if (e instanceof QuiverError && e.code === ErrorCode.Corrupted) {
        throw new QuiverError(ErrorCode.Corrupted, `ANN index '${name}' is corrupted: ${e.message}`, { cause: e });
      }
      throw e;
    }
  }

  flatScan(vectors: Float32Array, query: Float32Array, k: number, opts: FlatScanOptions): AnnSearchResult {
    return flatScan(this.w, vectors, query, k, opts);
  }

  memoryBytes(): number {
    return this.w.memoryBytes();
  }
}

/**
 * Instantiates Quiver's wasm module from its bytes or a precompiled `WebAssembly.Module` and
 * returns an engine over it. Each call makes a separate instance (its own memory); use one per
 * worker thread.
 */
export async function createWasmEngine(source: WasmSource): Promise<AnnEngine> {
  return new WasmEngine(await QuiverWasm.instantiate(source));
}

/** An engine made from `source` on first use (and made again after a failed attempt): what a worker role holds. */
export function lazyEngine(source: WasmSource): () => Promise<AnnEngine> {
  let engine: Promise<AnnEngine> | undefined;
  return () => {
    engine ??= createWasmEngine(source);
    engine.catch(() => (engine = undefined));
    return engine;
  };
}
