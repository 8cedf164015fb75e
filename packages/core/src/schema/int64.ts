import { ErrorCode, QuiverError } from '../errors.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DIGITS = /^-?\d+$/;

/**
 * Reads an Int64 value given as a safe-integer number, a bigint or a decimal string (the only
 * exact way to send values beyond 2^53 in JSON). Returns undefined when `v` is not one of those.
 */
export function toInt64(v: unknown): bigint | undefined {
  let b: bigint;
  if (typeof v === 'bigint') b = v;
  else if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) return undefined;
    b = BigInt(v);
  } else if (typeof v === 'string' && DIGITS.test(v.trim())) b = BigInt(v.trim());
  else return undefined;
  return b >= INT64_MIN && b <= INT64_MAX ? b : undefined;
}

/** Like {@link toInt64} but throws InvalidInsertData naming `where`. */
export function requireInt64(v: unknown, where: string): bigint {
  const b = toInt64(v);
  if (b === undefined) {
    throw new QuiverError(ErrorCode.InvalidInsertData, `${where}: expected an Int64 (a safe integer number, a bigint or a decimal string), got ${describe(v)}`);
  }
  return b;
}

/** How Int64 values leave the engine: `auto` gives a number when it is a safe integer and a decimal string otherwise. */
export type Int64Output = 'auto' | 'string' | 'bigint';

/** Converts an Int64 for output. */
export function fromInt64(v: bigint, mode: Int64Output): number | string | bigint {
  if (mode === 'bigint') return v;
  if (mode === 'string') return v.toString();
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v.toString();
}

/** A short description of a value for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : `the number ${v}`;
  if (typeof v === 'bigint') return `the bigint ${v}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}
