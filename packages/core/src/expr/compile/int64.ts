import type { CompareOp } from '../ast.js';

/**
 * Int64 kernels that never read a BigInt64Array element as a bigint (each such read allocates):
 * they view the buffer as 32-bit words and compare (high, low) pairs against constants that were
 * turned into closed intervals at compile time.
 */

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

// Word order of a 64-bit integer in memory on this platform.
const LITTLE_ENDIAN = new Uint32Array(new BigInt64Array([1n]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/** A closed interval [lo, hi] of int64 values; `null` when empty. */
export type Interval = { readonly lo: bigint; readonly hi: bigint } | null;

function floor(c: number | bigint): bigint {
  return typeof c === 'bigint' ? c : BigInt(Math.floor(c));
}
function ceil(c: number | bigint): bigint {
  return typeof c === 'bigint' ? c : BigInt(Math.ceil(c));
}

/**
 * The int64 values `v` with `v op c`, as an interval. `!=` is the complement of `==`, so callers
 * pass `==` and negate. NaN matches nothing; ±Infinity clamps.
 */
export function intervalOf(op: Exclude<CompareOp, '!='>, c: number | bigint): Interval {
  if (typeof c === 'number') {
    if (Number.isNaN(c)) return null;
    if (c === Infinity) return op === '<' || op === '<=' ? { lo: INT64_MIN, hi: INT64_MAX } : null;
    if (c === -Infinity) return op === '>' || op === '>=' ? { lo: INT64_MIN, hi: INT64_MAX } : null;
  }
  let lo = INT64_MIN;
  let hi = INT64_MAX;
  switch (op) {
    case '==':
      if (typeof c === 'number' && !Number.isInteger(c)) return null;
      lo = hi = floor(c);
      break;
    case '>':
      lo = floor(c) + 1n;
      break;
    case '>=':
      lo = ceil(c);
      break;
    case '<':
      hi = ceil(c) - 1n;
      break;
    case '<=':
      hi = floor(c);
      break;
  }
  return intersect({ lo: lo < INT64_MIN ? INT64_MIN : lo, hi: hi > INT64_MAX ? INT64_MAX : hi }, { lo: INT64_MIN, hi: INT64_MAX });
}

/** The intersection of two intervals. */
export function intersect(a: Interval, b: Interval): Interval {
  if (a === null || b === null) return null;
  const lo = a.lo > b.lo ? a.lo : b.lo;
  const hi = a.hi < b.hi ? a.hi : b.hi;
  return lo > hi ? null : { lo, hi };
}

function words(v: bigint): [number, number] {
  const u = BigInt.asUintN(64, v);
  return [Number(BigInt.asIntN(32, u >> 32n)), Number(u & 0xffffffffn)];
}

/** 32-bit views of a BigInt64Array's memory. */
function views(a: BigInt64Array): { hi: Int32Array; lo: Uint32Array } {
  return { hi: new Int32Array(a.buffer, a.byteOffset, a.length * 2), lo: new Uint32Array(a.buffer, a.byteOffset, a.length * 2) };
}

/**
 * Mask of rows whose value lies in `iv` (or, with `outside`, does not), among valid rows.
 * Rows outside `sel` may hold anything.
 */
export function intervalMask(data: BigInt64Array, n: number, iv: Interval, outside: boolean, valid: Uint8Array | null): Uint8Array {
  const out = new Uint8Array(n);
  if (iv === null) {
    if (outside) out.fill(1);
  } else {
    const { hi, lo } = views(data);
    const [lh, ll] = words(iv.lo);
    const [hh, hl] = words(iv.hi);
    const x = outside ? 1 : 0;
    for (let i = 0, j = 0; i < n; i++, j += 2) {
      const h = hi[j + HI];
      const l = lo[j + LO];
      // (h, l) >= (lh, ll) and (h, l) <= (hh, hl), branch-free.
      const ge = +(h > lh) | (+(h === lh) & +(l >= ll));
      const le = +(h < hh) | (+(h === hh) & +(l <= hl));
      out[i] = (ge & le) ^ x;
    }
  }
  if (valid !== null) for (let i = 0; i < n; i++) out[i] &= valid[i];
  return out;
}

/** Mask of valid rows whose value is (or, with `negate`, is not) one of `values`. */
export function int64InMask(data: BigInt64Array, n: number, values: readonly bigint[], negate: boolean, valid: Uint8Array | null): Uint8Array {
  // Values within ±2^53 are looked up as doubles built from the words; others as bigints.
  const safe = new Set<number>();
  const big = new Set<bigint>();
  for (const v of values) {
    if (v >= -(1n << 53n) && v < 1n << 53n) safe.add(Number(v));
    else big.add(v);
  }
  const { hi, lo } = views(data);
  const out = new Uint8Array(n);
  const yes = negate ? 0 : 1;
  const no = 1 - yes;
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const h = hi[j + HI];
    let hit: boolean;
    if (h >= -0x200000 && h < 0x200000) hit = safe.has(h * 4294967296 + lo[j + LO]);
    else hit = big.size > 0 && big.has(data[i]);
    out[i] = hit ? yes : no;
  }
  if (valid !== null) for (let i = 0; i < n; i++) out[i] &= valid[i];
  return out;
}
