import type { DeltaEntry } from '../datanode/files.js';
import type { CollectionMeta } from '../rootcoord/meta.js';
import type { Chunk } from '../segment/column.js';
import type { Pk } from '../schema/types.js';
import { Segment, chunkBytes } from './segment.js';
import { Visibility } from './visibility.js';

/** A delete not yet written to a delta file. */
export interface PendingDelete extends DeltaEntry {
  readonly lsn: number;
}

let nextGrowingId = -1;

/**
 * Everything the engine holds in memory for one collection: the growing segment of each partition
 * (always, since they are backed by the WAL), the sealed segments and the visibility index when the
 * collection is loaded, and deletes not yet flushed.
 */
export class CollectionRuntime {
  readonly growing = new Map<number, Segment>();
  sealed: Segment[] = [];
  /** Segments detached from growing and being (or failed to be) flushed: still served, still in the WAL. */
  sealing: Segment[] = [];
  visibility: Visibility | null = null;
  /** Delete records from delta files (read at load) plus those applied since. */
  deletes: DeltaEntry[] = [];
  pending: PendingDelete[] = [];
  /** A seal-triggered flush is queued. */
  flushScheduled = false;

  constructor(public meta: CollectionMeta, private readonly pkName: string) {}

  /** True when sealed segments are in memory and queries may run. */
  get loaded(): boolean {
    return this.visibility !== null;
  }

  /** Applies a durable insert record: rows go to the partition's growing segment. */
  applyInsert(partitionId: number, chunk: Chunk, lsn: number, nowMs: number): void {
    let seg = this.growing.get(partitionId);
    if (!seg) {
      seg = new Segment(nextGrowingId--, partitionId, true);
      this.growing.set(partitionId, seg);
    }
    const idx = seg.append(chunk, lsn, chunkBytes(chunk), nowMs);
    this.visibility?.addChunk(seg, idx, this.pks(chunk));
  }

  /** Applies a durable delete record. Returns how many live rows died. */
  applyDelete(pks: readonly Pk[], ts: bigint, lsn: number): number {
    let n = 0;
    for (const pk of pks) {
      this.pending.push({ pk, ts, lsn });
      this.deletes.push({ pk, ts });
      if (this.visibility?.delete(pk, ts)) n++;
    }
    return n;
  }

  /** The primary keys of a chunk's rows. */
  pks(chunk: Chunk): ArrayLike<Pk> {
    return chunk.columns[this.pkName]!.values as ArrayLike<Pk>;
  }

  /**
   * Makes the collection queryable from the given sealed segments and delete records: rebuilds the
   * visibility index over sealed + growing rows, oldest segment first.
   */
  load(sealed: Segment[], deletes: DeltaEntry[]): void {
    this.sealed = sealed;
    this.deletes = [...deletes, ...this.pending.map(({ pk, ts }) => ({ pk, ts }))];
    this.rebuild();
  }

  /** Recomputes delete bitmaps and the pk index from scratch. */
  rebuild(): void {
    const vis = new Visibility();
    const segs = [...this.sealed, ...this.sealing, ...this.growing.values()];
    for (const seg of segs) {
      for (const d of seg.dead) d.fill(0);
      seg.chunks.forEach((c, i) => vis.addChunk(seg, i, this.pks(c)));
    }
    for (const d of this.deletes) vis.delete(d.pk, d.ts);
    this.visibility = vis;
  }

  /** Drops sealed segments and the index from memory (growing segments stay: the WAL backs them). */
  release(): void {
    for (const s of this.sealed) s.disposeIndexes();
    this.sealed = [];
    this.visibility = null;
    this.deletes = [];
    for (const seg of [...this.sealing, ...this.growing.values()]) for (const d of seg.dead) d.fill(0);
  }

  /** Frees every segment's wasm memory (the collection or its database goes away). */
  dispose(): void {
    for (const s of [...this.sealed, ...this.sealing, ...this.growing.values()]) s.disposeIndexes();
    this.release();
  }

  /** Segments to read for the given partitions (all when undefined), sealed first. */
  segments(partitionIds?: ReadonlySet<number>): Segment[] {
    const all = [...this.sealed, ...this.sealing, ...this.growing.values()];
    return partitionIds ? all.filter((s) => partitionIds.has(s.partitionId)) : all;
  }

  /** Lowest LSN whose record is not yet in a flushed file (Infinity when none). */
  firstUnflushedLsn(): number {
    let min = Infinity;
    for (const g of [...this.sealing, ...this.growing.values()]) if (g.rowCount > 0) min = Math.min(min, g.firstLsn);
    if (this.pending.length > 0) min = Math.min(min, this.pending[0]!.lsn);
    return min;
  }
}
