// Timing passes over the queries. Engines take turns: every HNSW engine runs each ef in several
// interleaved rounds and keeps its best pass, so a busy moment on this shared machine does not
// land on one engine only. Recall is computed from what the timed pass returned.
import type { Dataset } from '../data/dataset.js';
import { recallAt } from '../data/truth.js';
import type { Engine, RowFilter } from './types.js';

/** One measured point of an engine: recall@k and queries per second at one ef (null: no knob). */
export interface Point {
  readonly ef: number | null;
  readonly recall: number;
  readonly qps: number;
  /** Queries the figure is over (fewer than the dataset's when a slow engine hit its time budget). */
  readonly queries: number;
}

/** Options of a timed pass. */
export interface PassOptions {
  readonly filter?: RowFilter;
  /** Stop after this many ms (never before `minQueries`). */
  readonly budgetMs?: number;
  readonly truth?: Int32Array;
  readonly minQueries?: number;
  /** Searches in flight at once (async engines; default 1: one after another). */
  readonly concurrency?: number;
}

/** Runs queries 0… one after another (or `concurrency` at a time); stops early after `budgetMs` (never before `minQueries`). */
export async function pass(e: Engine, ds: Dataset, k: number, ef: number, opts: PassOptions = {}): Promise<Point & { ms: number }> {
  const found = new Int32Array(ds.nq * k).fill(-1);
  const budget = opts.budgetMs ?? Infinity;
  const minQueries = Math.min(ds.nq, opts.minQueries ?? 20);
  let count = 0;
  const t0 = performance.now();
  let elapsed = 0;
  const concurrency = opts.concurrency ?? 1;
  if (e.async && concurrency > 1) {
    // `concurrency` loops, each taking the next query when its last one is answered.
    let next = 0;
    const loop = async (): Promise<void> => {
      while (next < ds.nq && (next < minQueries || performance.now() - t0 <= budget)) {
        const q = next++;
        found.set((await e.search(q, k, ef, opts.filter)).subarray(0, k), q * k);
        count++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
  } else if (e.async) {
    for (; count < ds.nq; count++) {
      found.set((await e.search(count, k, ef, opts.filter)).subarray(0, k), count * k);
      if (count + 1 >= minQueries && (elapsed = performance.now() - t0) > budget) {
        count++;
        break;
      }
    }
  } else {
    for (; count < ds.nq; count++) {
      found.set((e.search(count, k, ef, opts.filter) as Int32Array).subarray(0, k), count * k);
      if (count + 1 >= minQueries && (count & 7) === 7 && (elapsed = performance.now() - t0) > budget) {
        count++;
        break;
      }
    }
  }
  elapsed = performance.now() - t0;
  return { ef, ms: elapsed, queries: count, qps: (count / elapsed) * 1000, recall: recallAt(found, opts.truth ?? ds.truth, k, count) };
}

/** A few queries first so the JIT and caches are warm. */
export async function warmUp(e: Engine, ds: Dataset, k: number, ef: number, filter?: RowFilter): Promise<void> {
  for (let q = 0; q < Math.min(ds.nq, 30); q++) await e.search(q, k, ef, filter);
}

/**
 * Each ef: every engine warms up, then `rounds` interleaved passes; the best (fastest) pass of
 * each engine is kept. Returns the points per engine, in `engines` order.
 */
export async function sweep(engines: readonly Engine[], ds: Dataset, k: number, efs: readonly number[], rounds: number, opts: PassOptions & { onPass?: () => void } = {}): Promise<Point[][]> {
  const out: Point[][] = engines.map(() => []);
  // One untimed pass each first: JIT tiers, caches and lazily grown buffers settle before timing.
  for (const e of engines) await pass(e, ds, k, efs[0], { ...opts, budgetMs: Math.min(2000, opts.budgetMs ?? 2000) });
  for (const ef of efs) {
    const best: (Point & { ms: number })[] = [];
    for (const e of engines) await warmUp(e, ds, k, ef, opts.filter);
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < engines.length; i++) {
        const p = await pass(engines[i], ds, k, ef, opts);
        if (!best[i] || p.qps > best[i].qps) best[i] = p;
        opts.onPass?.();
      }
    }
    best.forEach(({ ms: _ms, ...p }, i) => out[i].push(p));
  }
  return out;
}
