import type { ArithOp, CompareOp } from '../ast.js';
import type { LitValue } from '../ir.js';

/**
 * Per-value semantics the compiled kernels share (the reference interpreter has its own copy, on
 * purpose). Outcomes are Kleene truth values: 1 TRUE, 0 FALSE, -1 UNKNOWN.
 */
export type Outcome = 1 | 0 | -1;

/** An absent value (SQL null, a missing JSON key, an index past the end): `undefined`. */
export type Maybe<T> = T | undefined;

const hasOwn = Object.prototype.hasOwnProperty;

const isIndexKey = (k: string | number): boolean => typeof k === 'number' || /^(?:0|[1-9]\d{0,9})$/.test(k);

/**
 * A getter for a fixed path, same result as {@link jsonGet}. Paths of one or two plain keys (the
 * usual `$meta["color"]`, `meta["a"]["b"]`) get an unrolled body, about twice as fast.
 */
export function jsonGetter(path: readonly (string | number)[]): (root: unknown) => unknown {
  const plain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (path.length === 1 && !isIndexKey(path[0])) {
    const k0 = path[0] as string;
    return (r) => (plain(r) && hasOwn.call(r, k0) ? (r[k0] ?? undefined) : undefined);
  }
  if (path.length === 2 && !isIndexKey(path[0]) && !isIndexKey(path[1])) {
    const k0 = path[0] as string;
    const k1 = path[1] as string;
    return (r) => {
      if (!plain(r) || !hasOwn.call(r, k0)) return undefined;
      const v = r[k0];
      return plain(v) && hasOwn.call(v, k1) ? (v[k1] ?? undefined) : undefined;
    };
  }
  return (r) => jsonGet(r, path);
}

/** Walks a JSON-pointer-like path: a key indexes objects by name and arrays by decimal index. */
export function jsonGet(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (let i = 0; i < path.length; i++) {
    if (v === null || typeof v !== 'object') return undefined;
    const k = path[i];
    if (Array.isArray(v)) {
      const idx = typeof k === 'number' ? k : /^(?:0|[1-9]\d{0,9})$/.test(k) ? Number(k) : -1;
      if (idx < 0 || idx >= v.length) return undefined;
      v = v[idx];
    } else {
      const key = String(k);
      if (!hasOwn.call(v, key)) return undefined;
      v = (v as Record<string, unknown>)[key];
    }
  }
  return v === null ? undefined : v;
}

// Comparison classes of run-time values.
const Cls = { None: 0, Num: 1, Str: 2, Bool: 3 } as const;
type Cls = (typeof Cls)[keyof typeof Cls];

function cls(v: unknown): Cls {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return Cls.Num;
    case 'string':
      return Cls.Str;
    case 'boolean':
      return Cls.Bool;
    default:
      return Cls.None;
  }
}

/** Kleene comparison of two run-time values by JS type; absent or mismatched → UNKNOWN. */
export function compareDyn(a: unknown, b: unknown, op: CompareOp): Outcome {
  const ca = cls(a);
  if (ca === Cls.None || ca !== cls(b)) return -1;
  if (ca === Cls.Bool && op !== '==' && op !== '!=') return -1;
  return compareSame(a as number, b as number, op) ? 1 : 0;
}

/** `a op b` for two values of one class (numbers and bigints mix exactly in JS comparisons). */
export function compareSame(a: number | bigint | string | boolean, b: number | bigint | string | boolean, op: CompareOp): boolean {
  switch (op) {
    case '==':
      // Loose equality is exact between number and bigint and strict otherwise for same types.
      return a == b;
    case '!=':
      return a != b;
    case '<':
      return typeof a === 'string' ? compareStrings(a, b as string) < 0 : a < b;
    case '<=':
      return typeof a === 'string' ? compareStrings(a, b as string) <= 0 : a <= b;
    case '>':
      return typeof a === 'string' ? compareStrings(a, b as string) > 0 : a > b;
    case '>=':
      return typeof a === 'string' ? compareStrings(a, b as string) >= 0 : a >= b;
  }
}

/**
 * Orders two strings as their UTF-8 bytes do (Milvus compares VarChar as bytes), which is code
 * point order. JS compares UTF-16 code units, which agrees except where the first difference is a
 * surrogate (part of a character above U+FFFF) against a unit in U+E000–U+FFFF: UTF-16 puts the
 * surrogate first, UTF-8 last. Negative, zero or positive like a comparator.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800 && x < 0xe000 !== y < 0xe000) return x < 0xe000 ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

/**
 * True when comparing any string with `c` by JS `<` gives UTF-8 order: `c` has no code unit at or
 * above U+D800, so a first difference is never a surrogate against U+E000–U+FFFF (ASCII constants
 * keep the plain loops).
 */
export function jsOrderIsUtf8Order(c: string): boolean {
  for (let i = 0; i < c.length; i++) if (c.charCodeAt(i) >= 0xd800) return false;
  return true;
}

/** Equality used by the contains functions: by JS type, lists element-wise. */
export function sameValue(a: unknown, b: LitValue | unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  const c = cls(a);
  return c !== Cls.None && c === cls(b) && a == b;
}

/** A JSON value as a number for arithmetic, or absent when it is not numeric. */
export function toNumber(v: unknown): Maybe<number> {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
}

/** The double exactly equal to `v`, or undefined when no double is. */
export function exactDouble(v: bigint): Maybe<number> {
  const d = Number(v);
  return Number.isFinite(d) && BigInt(d) === v ? d : undefined;
}

/** Double arithmetic (Float/Double operands, JSON values, and `**` always). */
export function arithFloat(op: ArithOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '**':
      return a ** b;
  }
}

/** Integer arithmetic on Int8/16/32 operands, done in doubles; `/` truncates; x/0 and x%0 are absent. */
export function arithInt(op: ArithOp, a: number, b: number): Maybe<number> {
  if (op === '/') return b === 0 ? undefined : Math.trunc(a / b);
  if (op === '%') return b === 0 ? undefined : a % b;
  return arithFloat(op, a, b);
}

/** Int64 arithmetic, wrapping at 64 bits like Milvus; `/` truncates; x/0 and x%0 are absent. */
export function arithInt64(op: ArithOp, a: bigint, b: bigint): Maybe<bigint> {
  switch (op) {
    case '+':
      return BigInt.asIntN(64, a + b);
    case '-':
      return BigInt.asIntN(64, a - b);
    case '*':
      return BigInt.asIntN(64, a * b);
    case '/':
      return b === 0n ? undefined : BigInt.asIntN(64, a / b);
    case '%':
      return b === 0n ? undefined : a % b;
    case '**':
      throw new Error('** is evaluated in doubles');
  }
}

/** Code-point-aware check that position `i` of `s` does not split a surrogate pair. */
export function isBoundary(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return true;
  const c = s.charCodeAt(i);
  const p = s.charCodeAt(i - 1);
  return !(c >= 0xdc00 && c <= 0xdfff && p >= 0xd800 && p <= 0xdbff);
}
