// One run of the wasm engine that every runtime executes the same way (Node, workerd, Deno): FLAT,
// HNSW and block scans for each metric, a filtered HNSW search, a refused bad call followed by a
// good one, and the serialized HNSW index. Only the engine's public API and web-standard globals.
import { RowBitset } from '../../packages/core/src/index/bitset.js';
import { createWasmEngine } from '../../packages/core/src/index/engine.js';
import type { AnnSearchResult, MetricType } from '../../packages/core/src/index/types.js';
import type { WasmSource } from '../../packages/core/src/index/wasm-module.js';

/** What a runtime is given. */
export interface ScenarioInput {
  dim: number;
  base: number[];
  queries: number[];
  k: number;
  filterRows: number[];
}

/** What it sends back: results per case (best first), the HNSW blob, and the bad-call outcome. */
export interface ScenarioOutput {
  results: Record<string, Array<{ ids: number[]; distances: number[] }>>;
  hnswBlobBase64: string;
  badCall: { code: number; message: string } | null;
  afterBadCall: number[];
  /** Globals that appeared on globalThis while the engine loaded and ran (must be none). */
  newGlobals: string[];
}

const METRICS: MetricType[] = ['L2', 'IP', 'COSINE'];

function plain(r: AnnSearchResult): { ids: number[]; distances: number[] } {
  return { ids: Array.from(r.ids), distances: Array.from(r.distances) };
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Runs the scenario on an engine instantiated from `source`. */
export async function runScenario(source: WasmSource, input: ScenarioInput): Promise<ScenarioOutput> {
  const globalsBefore = new Set(Object.getOwnPropertyNames(globalThis));
  const engine = await createWasmEngine(source);
  const { dim, k } = input;
  const base = Float32Array.from(input.base);
  const n = base.length / dim;
  const queries = Array.from({ length: input.queries.length / dim }, (_, i) => Float32Array.from(input.queries.slice(i * dim, (i + 1) * dim)));
  const filter = RowBitset.of(n, input.filterRows);
  const results: ScenarioOutput['results'] = {};
  let hnswBlobBase64 = '';
  for (const metric of METRICS) {
    const flat = engine.createIndex({ indexType: 'FLAT', dim, metric });
    flat.add(base, 0);
    results[`flat-${metric}`] = queries.map((q) => plain(flat.search(q, k)));
    results[`scan-${metric}`] = queries.map((q) => plain(engine.flatScan(base, q, k, { dim, metric, filter })));
    const hnsw = engine.createIndex({ indexType: 'HNSW', dim, metric, params: { M: 16, efConstruction: 100 } });
    hnsw.add(base, 0);
    results[`hnsw-${metric}`] = queries.map((q) => plain(hnsw.search(q, k, { ef: 64 })));
    results[`hnsw-${metric}-filtered`] = queries.map((q) => plain(hnsw.search(q, k, { ef: 64, filter, strategy: 'graph' })));
    if (metric === 'L2') hnswBlobBase64 = toBase64(hnsw.serialize());
    flat.dispose();
    hnsw.dispose();
  }
  const idx = engine.createIndex({ indexType: 'HNSW', dim, metric: 'L2' });
  idx.add(base, 0);
  let badCall: ScenarioOutput['badCall'] = null;
  const bad = queries[0]!.slice();
  bad[1] = Number.NaN;
  try {
    idx.search(bad, k);
  } catch (e) {
    badCall = { code: (e as { code: number }).code, message: (e as Error).message };
  }
  const afterBadCall = Array.from(idx.search(queries[0]!, k).ids);
  const newGlobals = Object.getOwnPropertyNames(globalThis).filter((g) => !globalsBefore.has(g));
  return { results, hnswBlobBase64, badCall, afterBadCall, newGlobals };
}
