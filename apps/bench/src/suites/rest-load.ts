// What the rest suite sends, and its in-process load: the request bodies (the same text goes over
// HTTP through autocannon and, parsed, straight to `client.call` in the server's process) and a
// loop that keeps a fixed number of engine calls in flight for a fixed time, as autocannon keeps
// its connections busy. Shared by rest.ts (the driver) and rest-child.ts (the server process).
import { rng } from '../suite.js';

export const DIM = 128;
/** The collection searched (its rows are flushed and indexed before any run). */
export const SEARCHED = 'bench';
/** The collection inserts go to (so that they never grow the searched one). */
export const INSERTED = 'bench_insert';
/** Rows per insert request. */
export const INSERT_ROWS = 10;

/** One measured run's figures, whoever measured it. */
export interface LoadFigures {
  readonly requests: number;
  readonly seconds: number;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** HTTP errors, timeouts, non-2xx and Milvus codes ≠ 0 (or, in process, calls that threw). */
  readonly errors: number;
}

/** `n` vectors of DIM as JSON array texts, seeded; numbers written in full, as JSON.stringify (and most clients) write them. */
export function vectorTexts(seed: number, n: number): string[] {
  const random = rng(seed);
  return Array.from({ length: n }, () => JSON.stringify(Array.from({ length: DIM }, () => random() * 2 - 1)));
}

/** Search bodies: nq = 1, top 10, one per query vector. */
export function searchBodies(queries: readonly string[]): string[] {
  return queries.map((v) => `{"collectionName":"${SEARCHED}","data":[${v}],"limit":10}`);
}

/** An insert body of INSERT_ROWS fresh ids from `firstId`, vectors taken in turn from `pool`. */
export function insertBody(collection: string, firstId: number, pool: readonly string[]): string {
  const rows: string[] = [];
  for (let k = 0; k < INSERT_ROWS; k++) rows.push(`{"id":${firstId + k},"vector":${pool[(firstId + k) % pool.length]}}`);
  return `{"collectionName":"${collection}","data":[${rows.join(',')}]}`;
}

/** The value at quantile `q` of ascending `sorted` (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** How long a run lasts: a time, or a number of requests (then at most 60 s). */
export type Budget = { readonly seconds: number } | { readonly amount: number };

/**
 * Keeps `inflight` calls of `call(body(i))` running for the budget (call i gets body i) and
 * returns requests/s over the whole time and the latency of each call, start to settle.
 */
export async function inflightLoad(call: (body: string) => Promise<void>, body: (i: number) => string, inflight: number, budget: Budget): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const end = t0 + ('seconds' in budget ? budget.seconds : 60) * 1000;
  const amount = 'amount' in budget ? budget.amount : Infinity;
  const lane = async (): Promise<void> => {
    while (next < amount && performance.now() < end) {
      const text = body(next++);
      const start = performance.now();
      try {
        await call(text);
      } catch {
        errors++;
      }
      latencies.push(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: inflight }, lane));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, seconds: elapsed, reqPerSec: latencies.length / elapsed, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99), errors };
}
