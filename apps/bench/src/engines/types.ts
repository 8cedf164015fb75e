// What the ann and filter suites need from each engine under test. Every adapter converts the
// dataset into its library's natural input (number[] rows, objects, Float32Array…) before the
// clock starts, and its search returns row ids (the dataset's row numbers) best first.
// Platform-free (no Node built-ins): the benchmark page bundles it for Chromium too.
import type { Dataset } from '../data/dataset.js';

/** HNSW build parameters used for every HNSW engine in a run. */
export interface HnswBuild {
  readonly M: number;
  readonly efConstruction: number;
}

/** What a build reports. */
export interface BuildResult {
  /** Wall time of the build (for Quiver's public API: insert + flush + index build). */
  readonly buildMs: number;
  /** Bytes of the index as the engine serializes it (null when it cannot). */
  readonly indexBytes: number | null;
  /** How `indexBytes` was measured. */
  readonly bytesNote: string;
  /** Parts of buildMs, when the engine has several phases. */
  readonly phases?: Readonly<Record<string, number>>;
}

/** One engine, built over one dataset. */
export interface Engine {
  /** e.g. `hnswlib-node 3.0.0 (native)`. */
  readonly name: string;
  /** `quiver` (under test), `baseline` (native hnswlib, brute force) or `peer` (what a user might pick instead). */
  readonly family: 'quiver' | 'baseline' | 'peer';
  /** e.g. `HNSW`, `exact scan`, `k-d tree`. */
  readonly algorithm: string;
  /**
   * `search`: ef is a search parameter (swept on one build); `build`: ef is fixed when the index
   * is built (one build per ef); `none`: no knob (exact or fixed).
   */
  readonly efMode: 'search' | 'build' | 'none';
  /** Notes for the report (metric handling, API used). */
  readonly notes: string[];
  /** Builds the index over `ds.base` (with `ef` when efMode is `build`). */
  build(ds: Dataset, budget: BuildBudget, ef?: number): Promise<BuildResult>;
  /** Top-k row ids for query `q` of the dataset (`allowed` = filter by row, when given). Synchronous when `async` is false. */
  search(q: number, k: number, ef: number, filter?: RowFilter): Int32Array | Promise<Int32Array>;
  /** True when search returns a promise. */
  readonly async: boolean;
  /** Frees what the engine holds. */
  dispose(): Promise<void> | void;
}

/** A filter for the filter suite: the allowed rows as a byte mask, plus the same filter as an expression. */
export interface RowFilter {
  readonly mask: Uint8Array;
  /** Milvus boolean expression over the collection's scalar fields (Quiver's public API). */
  readonly expr: string;
  /** Library-specific precomputed forms (e.g. a RowBitset), keyed by engine. */
  readonly prepared: Map<string, unknown>;
}

/** Thrown by a build that would take longer than its budget. */
export class BudgetExceeded extends Error {}

/**
 * A time budget for builds that insert in steps: `check(done, total)` throws BudgetExceeded as
 * soon as the projected total time passes the budget, so a build that would take hours is
 * reported with its measured rate instead of stalling the run.
 */
export class BuildBudget {
  private readonly start = performance.now();
  constructor(
    readonly ms: number,
    private readonly onProgress?: (done: number, total: number) => void,
  ) {}

  /** Call after `done` of `total` units. */
  check(done: number, total: number): void {
    this.onProgress?.(done, total);
    const elapsed = performance.now() - this.start;
    if (done >= total || elapsed < 2000) {
      if (elapsed > this.ms * 1.5 && done < total) throw this.exceeded(done, total, elapsed);
      return;
    }
    const projected = (elapsed / done) * total;
    if (projected > this.ms) throw this.exceeded(done, total, elapsed);
  }

  private exceeded(done: number, total: number, elapsed: number): BudgetExceeded {
    const rate = done / (elapsed / 1000);
    return new BudgetExceeded(`build stopped: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows in ${(elapsed / 1000).toFixed(1)} s (${rate.toFixed(0)} rows/s); the whole build would take ~${fmtDuration(total / rate)}, over the ${Math.round(this.ms / 1000)} s budget`);
  }
}

function fmtDuration(s: number): string {
  if (s < 120) return `${s.toFixed(0)} s`;
  if (s < 7200) return `${(s / 60).toFixed(0)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** Row-major Float32 rows as number[] rows (what many JS libraries take). */
export function toArrays(v: Float32Array, dim: number): number[][] {
  const out: number[][] = new Array(v.length / dim);
  for (let i = 0; i < out.length; i++) out[i] = Array.from(v.subarray(i * dim, (i + 1) * dim));
  return out;
}

/** Rows scaled to unit length (a zero row stays zero): for engines that only rank by L2 or dot product. */
export function normalized(v: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i += dim) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += v[i + d] * v[i + d];
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let d = 0; d < dim; d++) out[i + d] = v[i + d] * inv;
  }
  return out;
}
