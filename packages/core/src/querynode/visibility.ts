import type { Pk } from '../schema/types.js';
import type { Segment } from './segment.js';

/** Where the newest version of a primary key lives. */
export interface RowRef {
  readonly seg: Segment;
  readonly chunk: number;
  readonly row: number;
  readonly ts: bigint;
}

/**
 * The newest version of every primary key of a loaded collection, and the delete bitmaps that
 * follow from it: an insert of an existing key supersedes the older row (latest timestamp wins, as
 * an upsert), a delete at `ts` kills the current row if it is older than `ts`.
 */
export class Visibility {
  private readonly index = new Map<Pk, RowRef>();

  /** Registers rows of `seg.chunks[chunk]` in order (later rows win ties). */
  addChunk(seg: Segment, chunk: number, pks: ArrayLike<Pk>): void {
    const ts = seg.ts(chunk);
    const dead = seg.dead[chunk]!;
    for (let row = 0; row < pks.length; row++) {
      const pk = pks[row]!;
      const t = ts[row]!;
      const old = this.index.get(pk);
      if (old && old.ts > t) {
        dead[row] = 1;
        continue;
      }
      if (old) old.seg.dead[old.chunk]![old.row] = 1;
      this.index.set(pk, { seg, chunk, row, ts: t });
    }
  }

  /** Applies a delete at `ts`; returns true if a live row died. */
  delete(pk: Pk, ts: bigint): boolean {
    const ref = this.index.get(pk);
    if (!ref || ref.ts >= ts) return false;
    const d = ref.seg.dead[ref.chunk]!;
    if (d[ref.row]) return false;
    d[ref.row] = 1;
    return true;
  }

  /** The live row of `pk`, if any. */
  get(pk: Pk): RowRef | undefined {
    const ref = this.index.get(pk);
    return ref && !ref.seg.dead[ref.chunk]![ref.row] ? ref : undefined;
  }

  /** Re-points refs after a segment's chunks were rewritten (compaction). */
  forget(pk: Pk): void {
    this.index.delete(pk);
  }

  /** Number of keys tracked (live or deleted). */
  get size(): number {
    return this.index.size;
  }
}
