import { ErrorCode, QuiverError } from '../errors.js';
import type { SegmentMeta } from '../rootcoord/meta.js';
import type { AnnEngine, AnnIndex, MetricType } from '../index/types.js';
import type { Chunk, Column } from '../segment/column.js';

/** The name of the per-row hybrid timestamp column every chunk carries. */
export const TS_COLUMN = '$ts';

/**
 * A segment as QueryNode holds it in memory: a growing segment (insert batches as they arrive) or a
 * sealed one (one chunk read from its file). `dead[i][r]` marks rows deleted or superseded by a
 * newer version of their primary key (the delete bitmap).
 */
export class Segment {
  readonly chunks: Chunk[] = [];
  readonly dead: Uint8Array[] = [];
  rowCount = 0;
  /** Estimated bytes in memory (seal policy). */
  bytes = 0;
  /** First and last WAL LSN of the records in this segment (growing segments). */
  firstLsn = 0;
  lastLsn = 0;
  /** Wall-clock ms when the first row arrived (seal by age). */
  createdMs = 0;
  /** Set once the segment is flushed (its catalog record). */
  meta: SegmentMeta | undefined;
  /** Built ANN indexes by index name (sealed segments). */
  readonly indexes = new Map<string, AnnIndex>();
  /**
   * Set while a QueryNode serves this segment's vectors: reads the segment file again. The vector
   * columns may then be dropped from memory ({@link detachVectors}) and are brought back from the
   * file only while something here needs them ({@link withVectors}).
   */
  vectorHome: (() => Promise<Chunk>) | undefined;
  /** The vector columns dropped from memory, by field (empty: all in memory). */
  private readonly away = new Set<string>();
  /** Set while a QueryNode serves this segment: tells QueryCoord to stop when the segment goes away. */
  onRelease: (() => void) | undefined;
  /** Exact-scan indexes kept in wasm memory by `<field>/<metric>` (growing segments, no index yet), with how many rows each holds. */
  private readonly scans = new Map<string, { index: AnnIndex; rows: number }>();

  constructor(public id: number, readonly partitionId: number, readonly growing: boolean) {}

  /** Appends a chunk; returns its index. */
  append(chunk: Chunk, lsn: number, bytes: number, nowMs: number): number {
    if (this.rowCount === 0) {
      this.firstLsn = lsn;
      this.createdMs = nowMs;
    }
    this.lastLsn = lsn;
    this.chunks.push(chunk);
    this.dead.push(new Uint8Array(chunk.rowCount));
    this.rowCount += chunk.rowCount;
    this.bytes += bytes;
    return this.chunks.length - 1;
  }

  /** Row offset of each chunk's first row within the segment. */
  chunkStarts(): number[] {
    const out: number[] = [];
    let n = 0;
    for (const c of this.chunks) {
      out.push(n);
      n += c.rowCount;
    }
    return out;
  }

  /**
   * A FLAT index over this segment's `field` holding every row so far: rows are copied into wasm
   * memory once, as they arrive, instead of on every query.
   */
  scanIndex(engine: AnnEngine, field: string, metric: MetricType, dim: number): AnnIndex {
    const key = `${field}/${metric}`;
    let entry = this.scans.get(key);
    if (!entry) {
      entry = { index: engine.createIndex({ indexType: 'FLAT', dim, metric, capacity: this.rowCount, name: `segment ${this.id} ${field}` }), rows: 0 };
      this.scans.set(key, entry);
    }
    let start = 0;
    for (const chunk of this.chunks) {
      const end = start + chunk.rowCount;
      if (end > entry.rows) {
        const values = chunk.columns[field]!.values as Float32Array;
        if (values.length < chunk.rowCount * dim) throw new QuiverError(ErrorCode.Unexpected, `segment ${this.id}: the vectors of "${field}" are not in memory (a QueryNode serves them)`);
        entry.index.add(values.subarray((entry.rows - start) * dim), entry.rows);
        entry.rows = end;
      }
      start = end;
    }
    return entry.index;
  }

  /** True when some vector column of this segment is not in memory. */
  get vectorsAway(): boolean {
    return this.away.size > 0;
  }

  /** Drops the vector columns from memory when a QueryNode serves them ({@link vectorHome} set); the rest stays. */
  detachVectors(): void {
    if (!this.vectorHome) return;
    for (const chunk of this.chunks) {
      for (const [name, col] of Object.entries(chunk.columns)) {
        if (col.dataType !== 'FloatVector' || col.values.length === 0) continue;
        (chunk.columns as Record<string, Column>)[name] = { ...col, values: new Float32Array(0) };
        this.away.add(name);
      }
    }
  }

  /** Brings dropped vector columns back from the segment file (each chunk gets its rows of it). */
  async attachVectors(): Promise<void> {
    if (this.away.size === 0 || !this.vectorHome) return;
    const file = await this.vectorHome();
    if (this.away.size === 0) return;
    let start = 0;
    for (const chunk of this.chunks) {
      for (const name of this.away) {
        const col = chunk.columns[name]!;
        const src = file.columns[name]!;
        const dim = col.dim!;
        (chunk.columns as Record<string, Column>)[name] = { ...col, values: (src.values as Float32Array).slice(start * dim, (start + chunk.rowCount) * dim) };
      }
      start += chunk.rowCount;
    }
    this.away.clear();
  }

  /** True when an exact-scan index of `field` under `metric` holds every row already. */
  hasScan(field: string, metric: MetricType): boolean {
    return (this.scans.get(`${field}/${metric}`)?.rows ?? -1) === this.rowCount;
  }

  /** Frees the exact-scan indexes (of one field once a real index serves it, or all when the segment goes away). */
  disposeScans(field?: string): void {
    for (const [key, s] of this.scans) {
      if (field !== undefined && !key.startsWith(`${field}/`)) continue;
      s.index.dispose();
      this.scans.delete(key);
    }
  }

  /** Frees the segment's indexes (release, compaction, drop). */
  disposeIndexes(): void {
    this.onRelease?.();
    this.onRelease = undefined;
    for (const ix of this.indexes.values()) ix.dispose();
    this.indexes.clear();
    this.disposeScans();
  }

  /** Number of live (not deleted, not superseded) rows. */
  liveRows(): number {
    let n = 0;
    for (const d of this.dead) for (let i = 0; i < d.length; i++) n += d[i]! ^ 1;
    return n;
  }

  /** Timestamps of a chunk's rows. */
  ts(chunk: number): BigInt64Array {
    return this.chunks[chunk]!.columns[TS_COLUMN]!.values as BigInt64Array;
  }
}

/** Rough in-memory size of a chunk in bytes (seal-by-size policy). */
export function chunkBytes(chunk: Chunk): number {
  let n = 0;
  for (const c of Object.values(chunk.columns)) {
    if ('byteLength' in c.values) n += c.values.byteLength;
    else for (const v of c.values as unknown[]) n += typeof v === 'string' ? v.length * 2 + 16 : 64;
  }
  return n;
}

/**
 * Runs `fn` with every vector column of `segs` in memory: columns a QueryNode serves are read back
 * from their segment files first and dropped again after `fn` (they were not needed before). `fn`
 * runs in the same turn as the last check, so no other work can drop them in between.
 */
export async function withVectors<T>(segs: Iterable<Segment>, fn: () => T): Promise<T> {
  const list = [...new Set(segs)].filter((s) => s.vectorsAway);
  for (;;) {
    if (list.every((s) => !s.vectorsAway)) {
      try {
        return fn();
      } finally {
        for (const s of list) s.detachVectors();
      }
    }
    await Promise.all(list.map((s) => s.attachVectors()));
  }
}
