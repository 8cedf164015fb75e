import { RowBitset } from '../index/bitset.js';
import type { AnnEngine, AnnSearchResult, MetricType } from '../index/types.js';
import { LIMITS } from '../schema/types.js';
import type { CollectionRuntime } from './collection.js';
import type { RowFilter } from './scan.js';
import type { Segment } from './segment.js';

/** One search hit: a live row of a segment and its distance (Milvus semantics per metric). */
export interface Hit {
  readonly seg: Segment;
  readonly chunk: number;
  readonly row: number;
  readonly distance: number;
}

/** What one ANN request over a collection needs. */
export interface AnnRequest {
  readonly field: string;
  readonly indexName: string | undefined;
  readonly metric: MetricType;
  readonly k: number;
  readonly ef?: number | undefined;
  /** When `ef` is not given: search with max(k, efFloor) instead of the engine's default. */
  readonly efFloor?: number | undefined;
  readonly partitionIds?: ReadonlySet<number> | undefined;
  readonly filter?: RowFilter | undefined;
  /** Range search: keep hits strictly beyond `radius` and up to `rangeFilter` (per metric direction). */
  readonly radius?: number | undefined;
  readonly rangeFilter?: number | undefined;
  /** Segment rows to leave out (a search iterator's rows already returned). */
  readonly exclude?: ReadonlyMap<Segment, ReadonlySet<number>> | undefined;
}

/** True when a larger distance is better (IP, COSINE are similarities; L2 is a distance). */
export function higherIsBetter(metric: MetricType): boolean {
  return metric !== 'L2';
}

/** True when `a` ranks before `b`. */
export function better(metric: MetricType, a: number, b: number): boolean {
  return higherIsBetter(metric) ? a > b : a < b;
}

/** Whether a distance lies in a range search window (Milvus: L2 `range_filter <= d < radius`; IP/COSINE `radius < d <= range_filter`). */
export function inRange(metric: MetricType, d: number, radius: number | undefined, rangeFilter: number | undefined): boolean {
  if (radius === undefined) return true;
  if (higherIsBetter(metric)) return d > radius && (rangeFilter === undefined || d <= rangeFilter);
  return d < radius && (rangeFilter === undefined || d >= rangeFilter);
}

/** The allowed rows of a segment: filter matches and not dead, as one bitset over the segment's rows. */
export function allowedRows(seg: Segment, filter: RowFilter | undefined): RowBitset {
  const set = new RowBitset(seg.rowCount);
  let base = 0;
  for (let c = 0; c < seg.chunks.length; c++) {
    const chunk = seg.chunks[c]!;
    const dead = seg.dead[c]!;
    const mask = filter ? filter.evaluate(chunk) : undefined;
    for (let r = 0; r < chunk.rowCount; r++) if (!dead[r] && (!mask || mask[r])) set.set(base + r);
    base += chunk.rowCount;
  }
  return set;
}

/** Maps a segment row offset back to its chunk and row. */
function locate(starts: number[], row: number): [number, number] {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= row) lo = mid;
    else hi = mid - 1;
  }
  return [lo, row - starts[lo]!];
}

/**
 * Runs one search unit (a segment's index, or an exact scan of one chunk) over the `allowed` rows
 * and emits its hits, best first. Without a range that is one top-k search. Range search keeps
 * only hits in the window, so it pages on: rows already returned are left out of the next,
 * twice larger search, until k hits in the window are found, a hit at or beyond `radius` shows
 * up (the rest are farther still) or no allowed row is left.
 */
function searchUnit(run: (filter: RowBitset, k: number) => AnnSearchResult, allowed: RowBitset, req: AnnRequest, emit: (id: number, d: number) => void): void {
  if (req.radius === undefined) {
    const r = run(allowed, req.k);
    for (let i = 0; i < r.ids.length; i++) emit(r.ids[i]!, r.distances[i]!);
    return;
  }
  let mask = allowed;
  let left = allowed.count();
  let found = 0;
  let k = Math.min(req.k, LIMITS.maxTopK);
  while (left > 0) {
    const r = run(mask, Math.min(k, left));
    if (mask === allowed) mask = new RowBitset(allowed.rows, allowed.bits.slice());
    let beyond = false;
    for (let i = 0; i < r.ids.length; i++) {
      const d = r.distances[i]!;
      if (inRange(req.metric, d, req.radius, req.rangeFilter)) {
        emit(r.ids[i]!, d);
        found++;
      } else if (!better(req.metric, d, req.radius)) beyond = true;
      mask.clear(r.ids[i]!);
    }
    left -= r.ids.length;
    if (beyond || found >= req.k || r.ids.length === 0) return;
    k = Math.min(k * 2, LIMITS.maxTopK);
  }
}

/**
 * Searches every segment of a loaded collection for each query vector (sealed segments through
 * their ANN index with the filter applied inside it, the rest by an exact scan) and merges the
 * per-segment top-k into one top-k per query, best first.
 */
export function searchSegments(engine: AnnEngine, rt: CollectionRuntime, queries: readonly Float32Array[], req: AnnRequest): Hit[][] {
  const perQuery: Hit[][] = queries.map(() => []);
  const dim = queries[0]?.length ?? 0;
  for (const seg of rt.segments(req.partitionIds)) {
    if (seg.rowCount === 0) continue;
    const allowed = allowedRows(seg, req.filter);
    for (const row of req.exclude?.get(seg) ?? []) allowed.clear(row);
    if (allowed.count() === 0) continue;
    const starts = seg.chunkStarts();
    const index = req.indexName ? seg.indexes.get(req.indexName) : undefined;
    queries.forEach((q, qi) => {
      const out = perQuery[qi]!;
      const emit = (offset: number) => (id: number, d: number): void => {
        const [chunk, row] = locate(starts, id + offset);
        out.push({ seg, chunk, row, distance: d });
      };
      if (index) {
        const ef = (k: number): number | undefined => {
          // An explicit ef must cover k (Milvus's rule, checked by the engine); internal widening raises it.
          if (req.ef !== undefined) return k > req.k ? Math.max(req.ef, k) : req.ef;
          return req.efFloor !== undefined ? Math.max(req.efFloor, k) : undefined;
        };
        searchUnit((filter, k) => index.search(q, k, { ef: ef(k), filter }), allowed, req, emit(0));
        return;
      }
      // Exact scan (growing segments, FLAT, or an index not built yet) over the segment's rows,
      // which sit in wasm memory already.
      const scan = seg.scanIndex(engine, req.field, req.metric, dim);
      searchUnit((filter, k) => scan.search(q, k, { filter }), allowed, req, emit(0));
    });
  }
  return perQuery.map((hits) => hits.sort((a, b) => (better(req.metric, a.distance, b.distance) ? -1 : better(req.metric, b.distance, a.distance) ? 1 : 0)).slice(0, req.k));
}
