import { LOGICAL_BITS } from '../rootcoord/tso.js';
import type { Chunk } from './column.js';

// Collection TTL, as Milvus defines it: a row inserted (or upserted) at hybrid timestamp `ts` is
// expired once `ts <= (now − ttl) << 18`, the cutoff Milvus's proxy computes from the request's
// timestamp (physical part minus the TTL, logical part 0) and segcore masks with `ts <= cutoff`.
// Expired rows are invisible to search, query and get; compaction may drop them.

/** The collection property holding the TTL in seconds (Milvus's name; 0 or absent: none). */
export const TTL_PROPERTY = 'collection.ttl.seconds';

/** The TTL in seconds of a property value, or a reason it is not one (a non-negative integer). */
export function parseTtlSeconds(value: unknown): number | string {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined || !/^\d+$/.test(text)) return `must be a whole number of seconds (0 or more), got ${JSON.stringify(value)}`;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : `${text} seconds is too large`;
}

/** The TTL in seconds set in a collection's properties; 0 when none (or an unusable value). */
export function ttlSeconds(properties: Readonly<Record<string, string>>): number {
  if (!Object.prototype.hasOwnProperty.call(properties, TTL_PROPERTY)) return 0;
  const n = parseTtlSeconds(properties[TTL_PROPERTY]);
  return typeof n === 'number' ? n : 0;
}

/**
 * The expiry cutoff at wall-clock `nowMs` for a collection with these properties: rows whose
 * `$ts` is at or below it are expired. Undefined when the collection has no TTL.
 */
export function expiryCutoff(properties: Readonly<Record<string, string>>, nowMs: number): bigint | undefined {
  const ttl = ttlSeconds(properties);
  return ttl === 0 ? undefined : BigInt(Math.floor(nowMs) - ttl * 1000) << LOGICAL_BITS;
}

// Timestamps are positive int64s: compared as (high, low) 32-bit words, no bigint per row.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;

/** Clears the entries of `mask` (one per row of `chunk`) whose rows expired at `cutoff`; returns `mask`. */
export function clearExpired(mask: Uint8Array, chunk: Chunk, cutoff: bigint): Uint8Array {
  if (cutoff < 0n) return mask;
  const ts = chunk.columns.$ts.values as BigInt64Array;
  const words = new Uint32Array(ts.buffer, ts.byteOffset, ts.length * 2);
  const ch = Number(cutoff >> 32n);
  const cl = Number(cutoff & 0xffffffffn);
  for (let i = 0, j = 0; i < chunk.rowCount; i++, j += 2) {
    const h = words[j + HI];
    mask[i] &= +(h > ch) | (+(h === ch) & +(words[j + LO] > cl));
  }
  return mask;
}

/** Whether row `row` of `chunk` is still alive at `cutoff`. */
export function isAlive(chunk: Chunk, row: number, cutoff: bigint): boolean {
  return (chunk.columns.$ts.values as BigInt64Array)[row] > cutoff;
}
