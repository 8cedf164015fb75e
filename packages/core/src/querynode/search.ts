import { RowBitset } from '../index/bitset.js';
import type { AnnEngine, AnnIndex, AnnSearchResult, MetricType } from '../index/types.js';
import type { AnnParams } from '../roles.js';
import { LIMITS } from '../schema/types.js';
import type { CollectionRuntime } from './collection.js';
import type { RowFilter } from './scan.js';
import { withVectors, type Segment } from './segment.js';

/** One search hit: a live row of a segment and its distance (Milvus semantics per metric). */
export interface Hit {
  readonly seg: Segment;
  readonly chunk: number;
  readonly row: number;
  readonly distance: number;
}

/** What one ANN request over a collection needs: the index search parameters and which rows. */
export interface AnnRequest extends AnnParams {
  readonly partitionIds?: ReadonlySet<number> | undefined;
  readonly filter?: RowFilter | undefined;
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

/**
 * The allowed rows of a segment (filter matches, not dead, not excluded) as one bitset over the
 * segment's rows, or null when every row is allowed (the index then searches without a filter).
 */
export function allowedRows(seg: Segment, filter: RowFilter | undefined, exclude?: ReadonlySet<number>): RowBitset | null {
  if (!filter && (!exclude || exclude.size === 0) && !seg.dead.some((d) => d.includes(1))) return null;
  const set = new RowBitset(seg.rowCount);
  let base = 0;
  for (let c = 0; c < seg.chunks.length; c++) {
    const chunk = seg.chunks[c]!;
    const dead = seg.dead[c]!;
    const mask = filter ? filter.evaluate(chunk) : undefined;
    for (let r = 0; r < chunk.rowCount; r++) if (!dead[r] && (!mask || mask[r])) set.set(base + r);
    base += chunk.rowCount;
  }
  for (const row of exclude ?? []) set.clear(row);
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

/** The per-unit part of a search request: what every index search needs, wherever it runs. */
export type UnitRequest = Pick<AnnRequest, 'metric' | 'k' | 'ef' | 'efFloor' | 'radius' | 'rangeFilter'>;

/** The ef of one index search for k results: an explicit ef must cover k (Milvus's rule, checked by the engine); internal widening raises it. */
function efFor(req: UnitRequest, k: number): number | undefined {
  if (req.ef !== undefined) return k > req.k ? Math.max(req.ef, k) : req.ef;
  return req.efFloor !== undefined ? Math.max(req.efFloor, k) : undefined;
}

/**
 * Runs one search unit (a segment's index, or an exact scan of its rows) over the `allowed` rows
 * (null: all `rows`) and emits its hits, best first. Without a range that is one top-k search.
 * Range search keeps only hits in the window, so it pages on: rows already returned are left out
 * of the next, twice larger search, until k hits in the window are found, a hit at or beyond
 * `radius` shows up (the rest are farther still) or no allowed row is left.
 */
export function searchUnit(index: AnnIndex, query: Float32Array, allowed: RowBitset | null, rows: number, req: UnitRequest, emit: (row: number, d: number) => void): void {
  const run = (filter: RowBitset | undefined, k: number): AnnSearchResult => index.search(query, k, index.kind === 'HNSW' ? { ef: efFor(req, k), filter } : { filter });
  if (req.radius === undefined) {
    const r = run(allowed ?? undefined, req.k);
    for (let i = 0; i < r.ids.length; i++) emit(r.ids[i]!, r.distances[i]!);
    return;
  }
  const mask = allowed ? new RowBitset(allowed.rows, allowed.bits.slice()) : RowBitset.all(rows);
  let left = mask.count();
  let found = 0;
  let k = Math.min(req.k, LIMITS.maxTopK);
  while (left > 0) {
    const r = run(mask, Math.min(k, left));
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

/** Sorts hits best first, equal distances in `tie` order (as given when absent), and keeps the k best. */
export function topK<T extends { readonly distance: number }>(hits: T[], metric: MetricType, k: number, tie?: (a: T, b: T) => number): T[] {
  return hits.sort((a, b) => (better(metric, a.distance, b.distance) ? -1 : better(metric, b.distance, a.distance) ? 1 : tie ? tie(a, b) : 0)).slice(0, k);
}

/**
 * The order of hits at equal distances, the same wherever a segment is searched: by the key
 * QueryNodes know a sealed segment by (its file path, see querycoord/serve.ts), then by row. A
 * QueryNode cuts its top-k in this order too, so the merged answer does not depend on which
 * segments a QueryNode served. Growing segments (never served apart) go by id, after the paths.
 */
export function tieOrder(keyA: string, rowA: number, keyB: string, rowB: number): number {
  return keyA < keyB ? -1 : keyA > keyB ? 1 : rowA - rowB;
}

/** A segment's key in {@link tieOrder}. */
function tieKey(seg: Segment): string {
  return seg.meta ? seg.meta.path : `\uffff${String(seg.id).padStart(16, '0')}`;
}

/** {@link tieOrder} of two hits of the coordinator. */
function hitTieOrder(a: Hit, b: Hit): number {
  if (a.seg === b.seg) return a.chunk - b.chunk || a.row - b.row;
  return tieOrder(tieKey(a.seg), 0, tieKey(b.seg), 0);
}

/** Searches the QueryNodes that serve sealed segments remotely (QueryCoord's pool). */
export interface RemoteSearch {
  /** The QueryNode ready to serve `seg`, if one is. */
  servedBy(seg: Segment): unknown;
  /** Searches the given segments on their QueryNodes; hits per query, unsorted. */
  search(parts: ReadonlyArray<{ seg: Segment; allowed: RowBitset | null }>, queries: readonly Float32Array[], req: AnnRequest): Promise<Array<Array<{ seg: Segment; row: number; distance: number }>>>;
}

/**
 * Searches every segment of a loaded collection for each query vector and merges the per-segment
 * top-k into one top-k per query, best first. Sealed segments a QueryNode serves (`remote`) are
 * searched there, in parallel; the rest here: through their ANN index with the filter applied
 * inside it, or by an exact scan. The coordinator decides which rows are allowed (filter, delete
 * bitmap, excluded rows) and sends that bitset with the search.
 */
export async function searchSegments(engine: AnnEngine, rt: CollectionRuntime, queries: readonly Float32Array[], req: AnnRequest, remote?: RemoteSearch): Promise<Hit[][]> {
  const perQuery: Hit[][] = queries.map(() => []);
  const dim = queries[0]?.length ?? 0;
  const far: Array<{ seg: Segment; allowed: RowBitset | null }> = [];
  const near: Array<{ seg: Segment; allowed: RowBitset | null }> = [];
  for (const seg of rt.segments(req.partitionIds)) {
    if (seg.rowCount === 0) continue;
    const allowed = allowedRows(seg, req.filter, req.exclude?.get(seg));
    if (allowed && allowed.count() === 0) continue;
    (remote?.servedBy(seg) ? far : near).push({ seg, allowed });
  }
  const away = far.length > 0 ? remote!.search(far, queries, req) : undefined;
  // Segments a QueryNode gave back (or has not loaded again) whose vectors are not in memory here
  // are read back for the exact-scan copy they need; checked again right before searching, since
  // a QueryNode may finish loading one (and its vectors leave) while files are read.
  const needs = (s: Segment): boolean => s.vectorsAway && !(req.indexName && s.indexes.has(req.indexName)) && !s.hasScan(req.field, req.metric);
  for (let done = false; !done; ) {
    done = await withVectors(near.map((n) => n.seg).filter(needs), () => {
      if (near.some((n) => needs(n.seg))) return false;
      searchNear(engine, near, queries, req, perQuery, dim);
      return true;
    });
  }
  if (away) {
    const got = await away;
    got.forEach((hits, qi) => {
      for (const h of hits) {
        const [chunk, row] = locate(h.seg.chunkStarts(), h.row);
        perQuery[qi]!.push({ seg: h.seg, chunk, row, distance: h.distance });
      }
    });
  }
  return perQuery.map((hits) => topK(hits, req.metric, req.k, hitTieOrder));
}

/** Searches the segments this thread serves itself, adding their hits to `perQuery`. */
function searchNear(engine: AnnEngine, near: ReadonlyArray<{ seg: Segment; allowed: RowBitset | null }>, queries: readonly Float32Array[], req: AnnRequest, perQuery: Hit[][], dim: number): void {
  for (const { seg, allowed } of near) {
    const starts = seg.chunkStarts();
    // The segment's index, or an exact scan over its rows (growing segments, FLAT, an index not
    // built yet), which sit in wasm memory already.
    const index = (req.indexName ? seg.indexes.get(req.indexName) : undefined) ?? seg.scanIndex(engine, req.field, req.metric, dim);
    queries.forEach((q, qi) => {
      const out = perQuery[qi]!;
      searchUnit(index, q, allowed, seg.rowCount, req, (id, d) => {
        const [chunk, row] = locate(starts, id);
        out.push({ seg, chunk, row, distance: d });
      });
    });
  }
}
