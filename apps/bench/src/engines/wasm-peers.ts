// Peers built in Rust/wasm: voy-search (k-d tree) and EdgeVec (HNSW). Both are wasm-bindgen
// packages; they are instantiated here from their .wasm files as a bundler would.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Dataset } from '../data/dataset.js';
import { type BuildBudget, type Engine, type HnswBuild, normalized } from './types.js';
import { versionOf } from './version.js';

const require = createRequire(import.meta.url);

type VoyModule = typeof import('voy-search/voy_search_bg.js');

let voyModule: VoyModule | undefined;
/** Instantiates voy's wasm once per process (its glue caches views of the first instance's memory). */
async function loadVoy(): Promise<VoyModule> {
  if (!voyModule) {
    const bg = await import('voy-search/voy_search_bg.js');
    const module = new WebAssembly.Module(readFileSync(require.resolve('voy-search/voy_search_bg.wasm')));
    const instance = new WebAssembly.Instance(module, { './voy_search_bg.js': bg as unknown as Record<string, WebAssembly.ImportValue> });
    bg.__wbg_set_wasm(instance.exports);
    voyModule = bg;
  }
  return voyModule;
}

/** voy-search: a k-d tree (squared L2); COSINE data goes in normalized, which ranks the same. */
export function voy(): Engine {
  let index: InstanceType<VoyModule['Voy']> | undefined;
  let queries: Float32Array[] = [];
  return {
    name: `voy-search ${versionOf('voy-search')}`,
    family: 'peer',
    algorithm: 'k-d tree (exact)',
    efMode: 'none',
    async: false,
    notes: ['wasm-bindgen "bundler" build, instantiated from voy_search_bg.wasm; L2 only (COSINE rows normalized first); index bytes = serialize() string'],
    async build(ds: Dataset) {
      const bg = await loadVoy();
      const base = ds.metric === 'COSINE' ? normalized(ds.base, ds.dim) : ds.base;
      const q = ds.metric === 'COSINE' ? normalized(ds.queries, ds.dim) : ds.queries;
      queries = Array.from({ length: ds.nq }, (_, i) => q.slice(i * ds.dim, (i + 1) * ds.dim));
      const embeddings = Array.from({ length: ds.n }, (_, i) => ({ id: String(i), title: '', url: '', embeddings: Array.from(base.subarray(i * ds.dim, (i + 1) * ds.dim)) }));
      const t0 = performance.now();
      index = new bg.Voy({ embeddings });
      const buildMs = performance.now() - t0;
      try {
        return { buildMs, indexBytes: Buffer.byteLength(index.serialize()), bytesNote: 'serialize() string' };
      } catch (err) {
        // At 100k × 100 its JSON passes V8's longest string (2^29 - 24 characters).
        return { buildMs, indexBytes: null, bytesNote: `serialize() failed: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
    search(q: number, k: number) {
      return Int32Array.from(index!.search(queries[q], k).neighbors, (h) => Number(h.id));
    },
    dispose() {
      index?.free();
      index = undefined;
    },
  };
}

type EdgeVecModule = typeof import('edgevec');

let edgevecModule: EdgeVecModule | undefined;
async function loadEdgeVec(): Promise<EdgeVecModule> {
  if (!edgevecModule) {
    const m = await import('edgevec');
    m.initSync({ module: readFileSync(require.resolve('edgevec/edgevec_bg.wasm')) });
    edgevecModule = m;
  }
  return edgevecModule;
}

/**
 * Whether EdgeVec's `cosine` metric finds each row as its own nearest neighbour on 200 random
 * rows (it should: similarity 1). Returns how many of 50 rows did.
 */
async function edgevecCosineSelfCheck(dim: number): Promise<number> {
  const ev = await loadEdgeVec();
  const cfg = new ev.EdgeVecConfig(dim);
  cfg.metric = 'cosine';
  const db = new ev.EdgeVec(cfg);
  const rows = Float32Array.from({ length: 200 * dim }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
  const ids = db.insertBatchFlat(rows, 200);
  let found = 0;
  for (let i = 0; i < 50; i++) if ((db.search(rows.subarray(i * dim, (i + 1) * dim), 1) as { id: number }[])[0]?.id === ids[i]) found++;
  db.free();
  return found;
}

/** EdgeVec's HNSW (M, M0 = 2M, efConstruction); ef_search is a build-time setting, so one build per ef. */
export function edgevec(p: HnswBuild): Engine {
  let db: InstanceType<EdgeVecModule['EdgeVec']> | undefined;
  let rowOf = new Map<number, number>();
  let queries: Float32Array[] = [];
  const notes = ['wasm-bindgen build (initSync with edgevec_bg.wasm); ef_search can only be set in EdgeVecConfig, so each ef is a new build; index bytes = serializedSize() (its estimate)'];
  return {
    name: `edgevec ${versionOf('edgevec')}`,
    family: 'peer',
    algorithm: 'HNSW',
    efMode: 'build',
    async: false,
    notes,
    async build(ds: Dataset, budget: BuildBudget, ef?: number) {
      const ev = await loadEdgeVec();
      let metric = ds.metric === 'COSINE' ? 'cosine' : 'l2';
      let base = ds.base;
      let q = ds.queries;
      if (ds.metric === 'COSINE') {
        const selfHits = await edgevecCosineSelfCheck(ds.dim);
        if (selfHits < 45) {
          metric = 'l2';
          base = normalized(ds.base, ds.dim);
          q = normalized(ds.queries, ds.dim);
          if (!notes.some((n) => n.startsWith('its "cosine"'))) notes.push(`its "cosine" metric failed a self-check (${selfHits}/50 rows were their own nearest neighbour), so COSINE data is measured with "l2" on normalized rows (same ranking)`);
        }
      }
      queries = Array.from({ length: ds.nq }, (_, i) => q.slice(i * ds.dim, (i + 1) * ds.dim));
      db?.free();
      const t0 = performance.now();
      const cfg = new ev.EdgeVecConfig(ds.dim);
      cfg.metric = metric;
      cfg.m = p.M;
      cfg.m0 = 2 * p.M;
      cfg.ef_construction = p.efConstruction;
      if (ef !== undefined) cfg.ef_search = ef;
      db = new ev.EdgeVec(cfg);
      rowOf = new Map();
      const step = 1000;
      for (let i = 0; i < ds.n; i += step) {
        const end = Math.min(ds.n, i + step);
        const ids = db.insertBatchFlat(base.subarray(i * ds.dim, end * ds.dim), end - i);
        for (let j = 0; j < ids.length; j++) rowOf.set(ids[j], i + j);
        budget.check(end, ds.n);
      }
      const buildMs = performance.now() - t0;
      return { buildMs, indexBytes: db.serializedSize(), bytesNote: 'serializedSize() estimate' };
    },
    search(q: number, k: number) {
      return Int32Array.from(db!.search(queries[q], k) as { id: number }[], (h) => rowOf.get(h.id) ?? -1);
    },
    dispose() {
      db?.free();
      db = undefined;
    },
  };
}
