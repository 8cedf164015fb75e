// Native hnswlib (the hnswlib-node addon: hnswlib 0.8.0 compiled for this CPU): the baseline every
// HNSW figure is divided by.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '../data/dataset.js';
import { type BuildBudget, type Engine, type HnswBuild, type RowFilter, toArrays } from './types.js';
import { versionOf } from './version.js';

const require = createRequire(import.meta.url);

/** hnswlib-node's HierarchicalNSW with `M`, `efConstruction`; COSINE through its `cosine` space. */
export function hnswlibNode(p: HnswBuild): Engine {
  const { HierarchicalNSW } = require('hnswlib-node') as typeof import('hnswlib-node');
  let index: InstanceType<typeof HierarchicalNSW> | undefined;
  let queries: number[][] = [];
  let lastEf = -1;
  return {
    name: `hnswlib-node ${versionOf('hnswlib-node')} (native)`,
    family: 'baseline',
    algorithm: 'HNSW',
    efMode: 'search',
    async: false,
    notes: ['native C++ addon (hnswlib 0.8.0), one thread; rows and queries passed as number[]'],
    async build(ds: Dataset, budget: BuildBudget) {
      const rows = toArrays(ds.base, ds.dim);
      queries = toArrays(ds.queries, ds.dim);
      const t0 = performance.now();
      index = new HierarchicalNSW(ds.metric === 'COSINE' ? 'cosine' : 'l2', ds.dim);
      index.initIndex(ds.n, p.M, p.efConstruction, 100);
      for (let i = 0; i < ds.n; i++) {
        index.addPoint(rows[i], i);
        if ((i & 1023) === 1023) budget.check(i + 1, ds.n);
      }
      const buildMs = performance.now() - t0;
      const dir = mkdtempSync(join(tmpdir(), 'quiver-bench-native-'));
      try {
        index.writeIndexSync(join(dir, 'index.bin'));
        return { buildMs, indexBytes: statSync(join(dir, 'index.bin')).size, bytesNote: 'writeIndex file' };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    search(q: number, k: number, ef: number, filter?: RowFilter) {
      if (ef !== lastEf) {
        index!.setEf(ef);
        lastEf = ef;
      }
      const mask = filter?.mask;
      const r = mask ? index!.searchKnn(queries[q], k, (label: number) => mask[label] === 1) : index!.searchKnn(queries[q], k);
      return Int32Array.from(r.neighbors);
    },
    dispose() {
      index = undefined;
      queries = [];
    },
  };
}
