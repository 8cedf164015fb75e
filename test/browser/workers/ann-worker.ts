// A dedicated module Web Worker that runs Quiver's wasm ANN engine: it loads the module from its
// bytes, builds FLAT and HNSW indexes over the vectors it is sent and answers searches.
import { createWasmEngine, type MetricType } from '@quiver/core';

interface Job {
  readonly wasmUrl: string;
  readonly dim: number;
  readonly metric: MetricType;
  readonly vectors: Float32Array;
  readonly queries: Float32Array;
  readonly k: number;
}

self.onmessage = async (e: MessageEvent<Job>) => {
  try {
    const { wasmUrl, dim, metric, vectors, queries, k } = e.data;
    const bytes = new Uint8Array(await (await fetch(wasmUrl)).arrayBuffer());
    const engine = await createWasmEngine(bytes);
    const flat = engine.createIndex({ indexType: 'FLAT', dim, metric });
    const hnsw = engine.createIndex({ indexType: 'HNSW', dim, metric, params: { M: 16, efConstruction: 200 } });
    flat.add(vectors, 0);
    hnsw.add(vectors, 0);
    // The HNSW index must also survive a round trip through its blob inside the worker.
    const reloaded = engine.loadIndex(hnsw.serialize(), 'worker-hnsw');
    const out: Array<{ flat: number[]; flatD: number[]; hnsw: number[]; reloaded: number[] }> = [];
    for (let q = 0; q < queries.length / dim; q++) {
      const query = queries.subarray(q * dim, (q + 1) * dim);
      const f = flat.search(query, k);
      out.push({ flat: Array.from(f.ids), flatD: Array.from(f.distances), hnsw: Array.from(hnsw.search(query, k, { ef: 64 }).ids), reloaded: Array.from(reloaded.search(query, k, { ef: 64 }).ids) });
    }
    self.postMessage({ ok: true, out, engine: engine.name });
  } catch (err) {
    self.postMessage({ ok: false, error: String(err) });
  }
};
