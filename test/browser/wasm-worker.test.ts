import { expect, it } from 'vitest';

// The wasm ANN engine inside a real Chromium dedicated worker (ARCHITECTURE.md §6: one module runs
// in a window, a worker, Node, Deno and workerd). Ground truth: a brute-force scan written here.
const DIM = 24;
const N = 3000;
const K = 10;

function data(n: number, seed: number): Float32Array {
  const out = new Float32Array(n * DIM);
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 16807) % 2147483647;
    out[i] = (s / 2147483647) * 2 - 1 + (Math.floor(i / DIM) % 20) * 0.3; // 20 loose clusters
  }
  return out;
}

function bruteL2(vectors: Float32Array, q: Float32Array): Array<{ id: number; d: number }> {
  const all: Array<{ id: number; d: number }> = [];
  for (let i = 0; i < vectors.length / DIM; i++) {
    let d = 0;
    for (let j = 0; j < DIM; j++) d += (vectors[i * DIM + j]! - q[j]!) ** 2;
    all.push({ id: i, d });
  }
  return all.sort((a, b) => a.d - b.d).slice(0, K);
}

it('builds, searches and reloads indexes in a dedicated module worker', async () => {
  const vectors = data(N, 42);
  const queries = data(20, 7);
  const worker = new Worker(new URL('./workers/ann-worker.ts', import.meta.url), { type: 'module' });
  const wasmUrl = new URL('../../packages/core/wasm/quiver-hnsw.wasm', import.meta.url).href;
  const reply = await new Promise<{ ok: boolean; error?: string; engine?: string; out?: Array<{ flat: number[]; flatD: number[]; hnsw: number[]; reloaded: number[] }> }>((resolve) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.postMessage({ wasmUrl, dim: DIM, metric: 'L2', vectors, queries, k: K });
  });
  worker.terminate();
  expect(reply.error).toBeUndefined();
  expect(reply.engine).toBe('quiver-wasm');
  let found = 0;
  reply.out!.forEach((r, q) => {
    const truth = bruteL2(vectors, queries.subarray(q * DIM, (q + 1) * DIM));
    expect(r.flat).toEqual(truth.map((t) => t.id));
    r.flatD.forEach((d, i) => expect(d).toBeCloseTo(truth[i]!.d, 3));
    expect(r.reloaded).toEqual(r.hnsw);
    const want = new Set(truth.map((t) => t.id));
    found += r.hnsw.filter((id) => want.has(id)).length;
  });
  expect(found / (20 * K)).toBeGreaterThanOrEqual(0.95);
});
