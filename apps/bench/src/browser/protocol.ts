// What the benchmark page (apps/bench/page, in Chromium) and the Node suites that drive it
// (src/browser/driver.ts) say to each other: the requests and results of the page's functions
// (`window.bench`) and of its two load-time modes. Plain data only: it crosses page.evaluate.
import type { Dataset } from '../data/dataset.js';
import type { EngineResult } from '../engines/run.js';
import type { HnswBuild } from '../engines/types.js';

/**
 * A dataset the driver put in the served folder for the page to fetch: `data/base.f32` (n × dim),
 * `data/queries.f32` (nq × dim), `data/truth.i32` (nq × k) and, when present, `data/buckets.i32` (n).
 */
export type PageDataset = Pick<Dataset, 'name' | 'description' | 'metric' | 'dim' | 'n' | 'nq' | 'k'> & { readonly buckets: boolean };

/** `ingest`: durable inserts by batch size on idb://, memory:// and the IndexedDB floor, then flush and index build. */
export interface IngestRequest {
  readonly data: PageDataset;
  readonly hnsw: HnswBuild;
  /** [rows per insert call, rows] of each run, as the Node part ran them. */
  readonly plan: readonly (readonly [number, number])[];
  /** Each run stops after this many ms. */
  readonly timeCapMs: number;
}

/** One insert run in the page. */
export interface PageInsertRun {
  /** `idb://` (IndexedDB WAL, strict durability + OPFS), `memory://` (same page, nothing durable), `IndexedDB floor` (one strict put of the same rows' raw bytes per batch). */
  readonly target: 'idb://' | 'memory://' | 'IndexedDB floor';
  readonly batch: number;
  readonly rows: number;
  readonly ms: number;
  readonly rowsPerSec: number;
}

/** What `ingest` measured. */
export interface IngestPageResult {
  readonly inserts: PageInsertRun[];
  /** Flush and index build (IndexNode worker, until idle) of all rows on idb://, and Quiver's AnnIndex building the same graph on the page's thread. */
  readonly build: { readonly rows: number; readonly flushMs: number; readonly indexMs: number; readonly annIndexBuildMs: number | null };
}

/** `persist`: builds a collection on idb:// through the public API (insert, flush, index), searches once and closes. */
export interface PersistRequest {
  readonly data: PageDataset;
  readonly hnsw: HnswBuild;
  /** Database name (`idb://<name>`). */
  readonly name: string;
  readonly collection: string;
}

/** Bytes of a database's OPFS folder. */
export interface OpfsBytes {
  readonly total: number;
  readonly segments: number;
  readonly indexes: number;
}

/** What `persist` did. */
export interface PersistResult {
  readonly buildMs: number;
  /** Ids of query 0's top 10 before closing (a cold open must return the same). */
  readonly warmIds: number[];
  readonly bytes: OpfsBytes;
}

/**
 * The page's load-time modes (query string): `?cold=<db>&collection=<c>` opens `idb://<db>` and
 * searches query 0 as soon as the page has loaded; `?read=<db>` reads every OPFS file of the
 * database. Times are ms from navigation start; the result lands in `window.benchCold`.
 */
export type ColdResult =
  | { readonly mode: 'quiver'; readonly importMs: number; readonly openMs: number; readonly searchMs: number; readonly totalMs: number; readonly ids: number[]; readonly loaded: boolean }
  | { readonly mode: 'read'; readonly importMs: number; readonly totalMs: number; readonly files: number; readonly bytes: number }
  | { readonly mode: 'error'; readonly message: string };

/** `ann`: the ann suite in the page, through the public API with 0…N query workers, next to brute force and the raw AnnIndex in the same page. */
export interface AnnRequest {
  readonly data: PageDataset;
  readonly hnsw: HnswBuild;
  readonly efs: readonly number[];
  readonly rounds: number;
  /** `queryWorkers` values to open the database with (0 = search on the page's thread). */
  readonly workers: readonly number[];
  /** Searches in flight at once: 1 = one after another. */
  readonly inflight: readonly number[];
  /** Sealed segments the rows are spread over (flushed in that many equal parts). */
  readonly segments: number;
  /** Brute force is timed over as many queries as fit in this many ms. */
  readonly exactBudgetMs: number;
}

/** What `ann` measured: engine records as the ann suite keeps them (the API's configs carry `workers` and `inflight`). */
export interface AnnPageResult {
  readonly engines: (EngineResult & { readonly workers?: number; readonly inflight?: number; workersStarted?: number })[];
  readonly hardwareConcurrency: number;
}

/** The page's progress, shown on the driver's progress bars. */
export type ProgressEvent = { readonly kind: 'start'; readonly label: string; readonly total: number } | { readonly kind: 'set'; readonly done: number } | { readonly kind: 'done'; readonly note?: string };

/** The functions on `window.bench`: name → [request, result]. */
export interface PageCalls {
  ingest: [IngestRequest, IngestPageResult];
  persist: [PersistRequest, PersistResult];
  ann: [AnnRequest, AnnPageResult];
}

/** `window.bench`. */
export type PageApi = { [N in keyof PageCalls]: (request: PageCalls[N][0]) => Promise<PageCalls[N][1]> };
