import type { Segment } from '../querynode/segment.js';

/** When DataCoord seals a growing segment and flushes it to a segment file. */
export interface SealPolicy {
  /** Seal at this many rows (Milvus seals by size; rows bound memory per segment here). */
  readonly maxRows: number;
  /** Seal at this many estimated bytes in memory. */
  readonly maxBytes: number;
  /** Seal a growing segment whose first row is older than this (ms); 0 turns ageing off. */
  readonly maxAgeMs: number;
}

/** Defaults: 100k rows, 64 MiB or 10 minutes, whichever comes first. */
export const DEFAULT_SEAL_POLICY: SealPolicy = { maxRows: 100_000, maxBytes: 64 * 1024 * 1024, maxAgeMs: 10 * 60 * 1000 };

/** True when `seg` should be sealed now. */
export function shouldSeal(policy: SealPolicy, seg: Segment, nowMs: number): boolean {
  if (seg.rowCount === 0) return false;
  return seg.rowCount >= policy.maxRows || seg.bytes >= policy.maxBytes || (policy.maxAgeMs > 0 && nowMs - seg.createdMs >= policy.maxAgeMs);
}
