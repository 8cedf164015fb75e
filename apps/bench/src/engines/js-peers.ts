// Peers written in TypeScript/JavaScript: Orama (vector mode), client-vector-search (its exact
// EmbeddingIndex and its ExperimentalHNSWIndex) and Vectra (LocalIndex on in-memory storage).
// All three rank by cosine similarity only.
import type { Dataset } from '../data/dataset.js';
import { type BuildBudget, type Engine, type HnswBuild, toArrays } from './types.js';
import { versionOf } from './version.js';

/** Engines that only rank by cosine similarity say so instead of measuring a different metric. */
function cosineOnly(ds: Dataset, name: string): void {
  if (ds.metric !== 'COSINE') throw new NotApplicable(`${name} ranks by cosine similarity only; this dataset is ${ds.metric}`);
}

/** The engine cannot run on this dataset (reported as "not applicable", not as a failure). */
export class NotApplicable extends Error {}

/** Orama 3 in vector mode (an exact scan with precomputed magnitudes), similarity threshold 0 (off). */
export function orama(): Engine {
  let mod: typeof import('@orama/orama') | undefined;
  let db: unknown;
  let queries: number[][] = [];
  return {
    name: `@orama/orama ${versionOf('@orama/orama')}`,
    family: 'peer',
    algorithm: 'exact scan',
    efMode: 'none',
    async: true,
    notes: ['create({ schema: { v: "vector[d]" } }), insertMultiple, search({ mode: "vector", similarity: 0 }) (the default threshold 0.8 would drop results); index bytes = JSON of save(db)'],
    async build(ds: Dataset, budget: BuildBudget) {
      cosineOnly(ds, 'Orama');
      mod = await import('@orama/orama');
      const docs = toArrays(ds.base, ds.dim).map((v, i) => ({ id: String(i), v }));
      queries = toArrays(ds.queries, ds.dim);
      const t0 = performance.now();
      const created = mod.create({ schema: { v: `vector[${ds.dim}]` } as const });
      for (let i = 0; i < ds.n; i += 5000) {
        await mod.insertMultiple(created, docs.slice(i, i + 5000));
        budget.check(Math.min(ds.n, i + 5000), ds.n);
      }
      db = created;
      const buildMs = performance.now() - t0;
      return { buildMs, indexBytes: Buffer.byteLength(JSON.stringify(mod.save(created))), bytesNote: 'JSON of save(db)' };
    },
    async search(q: number, k: number) {
      const r = await mod!.search(db as Parameters<typeof import('@orama/orama').search>[0], { mode: 'vector', vector: { value: queries[q], property: 'v' }, similarity: 0, limit: k, includeVectors: false } as never);
      return Int32Array.from((r as { hits: { id: string }[] }).hits, (h) => Number(h.id));
    },
    dispose() {
      db = undefined;
    },
  };
}

/** client-vector-search's EmbeddingIndex: an exact cosine scan over plain objects. */
export function clientVectorSearch(): Engine {
  let index: { search(q: number[], o: object): Promise<{ object: { id: number } }[]> } | undefined;
  let queries: number[][] = [];
  return {
    name: `client-vector-search ${versionOf('client-vector-search')} EmbeddingIndex`,
    family: 'peer',
    algorithm: 'exact scan',
    efMode: 'none',
    async: true,
    notes: ['EmbeddingIndex.add({ id, embedding }) per row, search(q, { topK, useStorage: "none" }); its embedding model (transformers.js) is never loaded; no serialized form measured'],
    async build(ds: Dataset, budget: BuildBudget) {
      cosineOnly(ds, 'client-vector-search');
      const { EmbeddingIndex } = await import('client-vector-search');
      const objects = toArrays(ds.base, ds.dim).map((embedding, id) => ({ id, embedding }));
      queries = toArrays(ds.queries, ds.dim);
      const t0 = performance.now();
      const idx = new EmbeddingIndex();
      for (let i = 0; i < ds.n; i++) {
        idx.add(objects[i]);
        if ((i & 1023) === 1023) budget.check(i + 1, ds.n);
      }
      index = idx as unknown as typeof index;
      return { buildMs: performance.now() - t0, indexBytes: null, bytesNote: 'in-memory objects only' };
    },
    async search(q: number, k: number) {
      const r = await index!.search(queries[q], { topK: k, useStorage: 'none' });
      return Int32Array.from(r, (h) => h.object.id);
    },
    dispose() {
      index = undefined;
    },
  };
}

/** client-vector-search's ExperimentalHNSWIndex (HNSW in plain JS; efConstruction as given). */
export function clientVectorSearchHnsw(p: HnswBuild): Engine {
  let index: { insert(v: number[]): void; search(q: number[], ef?: number): [number, number][]; toBinary(): Uint8Array } | undefined;
  let queries: number[][] = [];
  return {
    name: `client-vector-search ${versionOf('client-vector-search')} ExperimentalHNSWIndex`,
    family: 'peer',
    algorithm: 'HNSW',
    efMode: 'search',
    async: false,
    notes: ['new ExperimentalHNSWIndex(16, 1/ln M, efConstruction), insert() per row, search(q, ef) (first k kept); index bytes = toBinary()'],
    async build(ds: Dataset, budget: BuildBudget) {
      cosineOnly(ds, 'client-vector-search');
      const { ExperimentalHNSWIndex } = await import('client-vector-search');
      const rows = toArrays(ds.base, ds.dim);
      queries = toArrays(ds.queries, ds.dim);
      const t0 = performance.now();
      const idx = new ExperimentalHNSWIndex(16, 1 / Math.log(p.M), p.efConstruction);
      for (let i = 0; i < ds.n; i++) {
        idx.insert(rows[i]);
        if ((i & 15) === 15) budget.check(i + 1, ds.n);
      }
      index = idx;
      const buildMs = performance.now() - t0;
      return { buildMs, indexBytes: idx.toBinary().length, bytesNote: 'toBinary()' };
    },
    search(q: number, k: number, ef: number) {
      return Int32Array.from(index!.search(queries[q], ef).slice(0, k), (h) => h[1]);
    },
    dispose() {
      index = undefined;
    },
  };
}

/** Vectra's LocalIndex on its in-memory VirtualFileStorage (an exact cosine scan). */
export function vectra(): Engine {
  let index: { queryItems(v: number[], query: string, k: number): Promise<{ item: { id: string } }[]> } | undefined;
  let queries: number[][] = [];
  return {
    name: `vectra ${versionOf('vectra')}`,
    family: 'peer',
    algorithm: 'exact scan',
    efMode: 'none',
    async: true,
    notes: ['LocalIndex on VirtualFileStorage (memory): beginUpdate, insertItem per row, endUpdate; queryItems(v, "", k); index bytes = its index.json'],
    async build(ds: Dataset, budget: BuildBudget) {
      cosineOnly(ds, 'Vectra');
      const v = await import('vectra');
      const rows = toArrays(ds.base, ds.dim);
      queries = toArrays(ds.queries, ds.dim);
      const storage = new v.VirtualFileStorage();
      const t0 = performance.now();
      const idx = new v.LocalIndex('/bench', undefined, storage);
      await idx.createIndex({ version: 1 });
      await idx.beginUpdate();
      for (let i = 0; i < ds.n; i++) {
        await idx.insertItem({ id: String(i), vector: rows[i], metadata: {} });
        if ((i & 1023) === 1023) budget.check(i + 1, ds.n);
      }
      await idx.endUpdate();
      index = idx as unknown as typeof index;
      const buildMs = performance.now() - t0;
      const files = await storage.listFiles('/bench');
      let bytes = 0;
      for (const f of files) bytes += (await storage.readFile(f.path)).length;
      return { buildMs, indexBytes: bytes, bytesNote: `${files.length} file(s) in its folder` };
    },
    async search(q: number, k: number) {
      const r = await index!.queryItems(queries[q], '', k);
      return Int32Array.from(r, (h) => Number(h.item.id));
    },
    dispose() {
      index = undefined;
    },
  };
}
