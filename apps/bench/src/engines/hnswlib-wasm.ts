// The npm package hnswlib-wasm (an Emscripten build of hnswlib), used directly through its own
// HierarchicalNSW class, loaded in Node by the repository's test/edge/hnswlib-wasm-node.ts.
import type { HnswlibWasmHost, HnswlibWasmIndex } from '../../../../packages/core/src/index/index.js';
import type { Dataset } from '../data/dataset.js';
import type { BuildBudget, Engine, HnswBuild, RowFilter } from './types.js';
import { versionOf } from './version.js';

/** Raw hnswlib-wasm HierarchicalNSW; COSINE through its `cosine` space. */
export function hnswlibWasm(p: HnswBuild): Engine {
  let host: HnswlibWasmHost | undefined;
  let index: HnswlibWasmIndex | undefined;
  let queries: Float32Array[] = [];
  let lastEf = -1;
  return {
    name: `hnswlib-wasm ${versionOf('hnswlib-wasm')} (npm)`,
    family: 'baseline',
    algorithm: 'HNSW',
    efMode: 'search',
    async: false,
    notes: ['the published Emscripten build (web-only; loaded in Node by test/edge/hnswlib-wasm-node.ts); index bytes = writeIndex file'],
    async build(ds: Dataset, budget: BuildBudget) {
      // A computed specifier: test/ is type-checked by no project, and with core's WebAssembly
      // declarations (this project's) that file does not compile; its signature is restated here.
      const loader = '../../../../test/edge/hnswlib-wasm-node.js';
      const { loadHnswlibWasmInNode } = (await import(loader)) as { loadHnswlibWasmInNode(): Promise<HnswlibWasmHost> };
      host = await loadHnswlibWasmInNode();
      const rows = Array.from({ length: ds.n }, (_, i) => ds.base.subarray(i * ds.dim, (i + 1) * ds.dim));
      queries = Array.from({ length: ds.nq }, (_, i) => ds.queries.slice(i * ds.dim, (i + 1) * ds.dim));
      const t0 = performance.now();
      index = new host.lib.HierarchicalNSW(ds.metric === 'COSINE' ? 'cosine' : 'l2', ds.dim, '');
      index.initIndex(ds.n, p.M, p.efConstruction, 100);
      for (let i = 0; i < ds.n; i++) {
        index.addPoint(rows[i], i, false);
        if ((i & 1023) === 1023) budget.check(i + 1, ds.n);
      }
      const buildMs = performance.now() - t0;
      index.writeIndex('bench.bin');
      return { buildMs, indexBytes: host.readFile('bench.bin').length, bytesNote: 'writeIndex file (wasm32 layout)' };
    },
    search(q: number, k: number, ef: number, filter?: RowFilter) {
      if (ef !== lastEf) {
        index!.setEfSearch(ef);
        lastEf = ef;
      }
      const mask = filter?.mask;
      return Int32Array.from(index!.searchKnn(queries[q], k, mask ? (label: number) => mask[label] === 1 : undefined).neighbors);
    },
    dispose() {
      index?.delete?.();
      index = undefined;
      host = undefined;
    },
  };
}
