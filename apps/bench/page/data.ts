// The dataset the driver put next to the page (src/browser/protocol.ts, PageDataset), fetched
// into the same Dataset shape the Node suites use.
import type { PageDataset } from '../src/browser/protocol.js';
import type { Dataset } from '../src/data/dataset.js';

async function fetchArray<T extends Float32Array | Int32Array>(name: string, make: (b: ArrayBuffer) => T): Promise<T> {
  const res = await fetch(`data/${name}`);
  if (!res.ok) throw new Error(`cannot fetch data/${name}: HTTP ${res.status}`);
  return make(await res.arrayBuffer());
}

/** The dataset's arrays, and its `bucket` column when the driver served one. */
export async function fetchDataset(d: PageDataset): Promise<Dataset & { readonly buckets?: Int32Array }> {
  const [base, queries, truth, buckets] = await Promise.all([
    fetchArray('base.f32', (b) => new Float32Array(b)),
    fetchArray('queries.f32', (b) => new Float32Array(b)),
    fetchArray('truth.i32', (b) => new Int32Array(b)),
    d.buckets ? fetchArray('buckets.i32', (b) => new Int32Array(b)) : undefined,
  ]);
  if (base.length !== d.n * d.dim || queries.length !== d.nq * d.dim || truth.length !== d.nq * d.k) throw new Error(`data/ does not hold ${d.name} (${d.n} × ${d.dim}, ${d.nq} queries)`);
  const { buckets: _served, ...meta } = d;
  return { ...meta, base, queries, truth, key: {}, ...(buckets ? { buckets } : {}) };
}
