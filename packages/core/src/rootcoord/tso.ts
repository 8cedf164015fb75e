import type { Clock } from '../platform.js';

/** MetaStore key of the last timestamp given, the floor of the TSO on the next open. */
export const TSO_KEY = 'rootcoord/tso';

/** Bits of a hybrid timestamp given to the logical counter (Milvus: 18). */
export const LOGICAL_BITS = 18n;

/** The physical (wall-clock ms) part of a hybrid timestamp. */
export function physicalMs(ts: bigint): number {
  return Number(ts >> LOGICAL_BITS);
}

/**
 * Timestamp oracle: hybrid timestamps `physical ms << 18 | logical`, strictly increasing even when
 * the wall clock stands still or steps back.
 */
export class Tso {
  private last: bigint;
  constructor(private readonly clock: Clock, floor: bigint = 0n) {
    this.last = floor;
  }
  /** A fresh timestamp, greater than every one given before and than `floor`. */
  next(): bigint {
    const phys = BigInt(Math.floor(this.clock.now())) << LOGICAL_BITS;
    this.last = phys > this.last ? phys : this.last + 1n;
    return this.last;
  }
  /** Raises the floor (after replaying timestamps found in storage). */
  observe(ts: bigint): void {
    if (ts > this.last) this.last = ts;
  }
  /** The last timestamp given or observed. */
  current(): bigint {
    return this.last;
  }
}
