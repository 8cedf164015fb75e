import type { CompareOp } from '../ast.js';
import type { Ctx, MaskFn } from './context.js';
import { column } from './context.js';
import type { Interval } from './int64.js';
import { intervalMask } from './int64.js';
import { compareStrings, jsOrderIsUtf8Order } from './scalar.js';

/**
 * Tight loops over one typed column compared with constants. Each returns a mask of the rows
 * where `value op c` is TRUE (or, with `negate`, FALSE) among valid rows: nulls are UNKNOWN and
 * so never set. They ignore `sel` because a full pass is cheaper than a branch per row.
 */

/** Applies the validity mask in place. */
function applyValid(out: Uint8Array, valid: Uint8Array | null): Uint8Array {
  if (valid !== null) for (let i = 0; i < out.length; i++) out[i] &= valid[i];
  return out;
}

/** `col op c` over a numeric typed array (Int8…Int32, Float, Double). */
export function numCompare(name: string, op: CompareOp, c: number, negate: boolean): MaskFn {
  const x = negate ? 1 : 0;
  return (ctx: Ctx) => {
    const col = column(ctx, name);
    const v = col.values as ArrayLike<number>;
    const n = ctx.n;
    const out = new Uint8Array(n);
    switch (op) {
      case '==':
        for (let i = 0; i < n; i++) out[i] = +(v[i] === c) ^ x;
        break;
      case '!=':
        for (let i = 0; i < n; i++) out[i] = +(v[i] !== c) ^ x;
        break;
      case '<':
        for (let i = 0; i < n; i++) out[i] = +(v[i] < c) ^ x;
        break;
      case '<=':
        for (let i = 0; i < n; i++) out[i] = +(v[i] <= c) ^ x;
        break;
      case '>':
        for (let i = 0; i < n; i++) out[i] = +(v[i] > c) ^ x;
        break;
      case '>=':
        for (let i = 0; i < n; i++) out[i] = +(v[i] >= c) ^ x;
        break;
    }
    return applyValid(out, col.valid);
  };
}

/** `lo (<|<=) col (<|<=) hi` over a numeric typed array, in one pass. */
export function numRange(name: string, lo: number, loStrict: boolean, hi: number, hiStrict: boolean, negate: boolean): MaskFn {
  const x = negate ? 1 : 0;
  return (ctx: Ctx) => {
    const col = column(ctx, name);
    const v = col.values as ArrayLike<number>;
    const n = ctx.n;
    const out = new Uint8Array(n);
    // Branch-free bodies (`+bool`): several times faster than `&&` on unsorted data.
    if (loStrict && hiStrict) for (let i = 0; i < n; i++) out[i] = (+(v[i] > lo) & +(v[i] < hi)) ^ x;
    else if (loStrict) for (let i = 0; i < n; i++) out[i] = (+(v[i] > lo) & +(v[i] <= hi)) ^ x;
    else if (hiStrict) for (let i = 0; i < n; i++) out[i] = (+(v[i] >= lo) & +(v[i] < hi)) ^ x;
    else for (let i = 0; i < n; i++) out[i] = (+(v[i] >= lo) & +(v[i] <= hi)) ^ x;
    return applyValid(out, col.valid);
  };
}

/**
 * `col op c` over a VarChar column, ordered by UTF-8 bytes as Milvus does. JS's `<` gives that
 * order whenever `c` has no code unit at or above U+D800 (every ASCII constant), so those keep the
 * plain loops; other constants go through {@link compareStrings}.
 *
 * The plain loops repeat {@link numCompare}'s on purpose: V8 keeps one set of type feedback per
 * function literal, so one generic loop over both typed arrays and string arrays turns its loads
 * and comparisons megamorphic once a process has filtered on both kinds: measured on Node 20 with
 * numeric and string compares interleaved, `<`/`>=` on numbers and `==` on strings ran 3–5× slower.
 */
export function strCompare(name: string, op: CompareOp, c: string, negate: boolean): MaskFn {
  const x = negate ? 1 : 0;
  if (op !== '==' && op !== '!=' && !jsOrderIsUtf8Order(c)) {
    const holds: (d: number) => boolean = op === '<' ? (d) => d < 0 : op === '<=' ? (d) => d <= 0 : op === '>' ? (d) => d > 0 : (d) => d >= 0;
    return (ctx: Ctx) => {
      const col = column(ctx, name);
      const v = col.values as string[];
      const n = ctx.n;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = +holds(compareStrings(v[i], c)) ^ x;
      return applyValid(out, col.valid);
    };
  }
  return (ctx: Ctx) => {
    const col = column(ctx, name);
    const v = col.values as string[];
    const n = ctx.n;
    const out = new Uint8Array(n);
    switch (op) {
      case '==':
        for (let i = 0; i < n; i++) out[i] = +(v[i] === c) ^ x;
        break;
      case '!=':
        for (let i = 0; i < n; i++) out[i] = +(v[i] !== c) ^ x;
        break;
      case '<':
        for (let i = 0; i < n; i++) out[i] = +(v[i] < c) ^ x;
        break;
      case '<=':
        for (let i = 0; i < n; i++) out[i] = +(v[i] <= c) ^ x;
        break;
      case '>':
        for (let i = 0; i < n; i++) out[i] = +(v[i] > c) ^ x;
        break;
      case '>=':
        for (let i = 0; i < n; i++) out[i] = +(v[i] >= c) ^ x;
        break;
    }
    return applyValid(out, col.valid);
  };
}

/** `col == b` over a Bool column (0/1 bytes); `!=` is `== !b`. */
export function boolEquals(name: string, b: boolean, negate: boolean): MaskFn {
  const want = (b ? 1 : 0) ^ (negate ? 1 : 0);
  return (ctx: Ctx) => {
    const col = column(ctx, name);
    const v = col.values as Uint8Array;
    const n = ctx.n;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = +(v[i] === want);
    return applyValid(out, col.valid);
  };
}

/** Int64 column within (or, with `outside`, outside) a closed interval. */
export function int64Interval(name: string, iv: Interval, outside: boolean): MaskFn {
  return (ctx: Ctx) => {
    const col = column(ctx, name);
    return intervalMask(col.values as BigInt64Array, ctx.n, iv, outside, col.valid);
  };
}

/** Membership of a typed column's values in a set (numbers, strings or 0/1 for Bool). */
export function setMember(name: string, set: ReadonlySet<number | string>, negate: boolean): MaskFn {
  const x = negate ? 1 : 0;
  return (ctx: Ctx) => {
    const col = column(ctx, name);
    const v = col.values as ArrayLike<number | string>;
    const n = ctx.n;
    const out = new Uint8Array(n);
    if (set.size <= 8) {
      // A short list is scanned branch-free: about twice as fast as hashing each value.
      const list = [...set];
      const m = list.length;
      for (let i = 0; i < n; i++) {
        const a = v[i];
        let hit = 0;
        for (let k = 0; k < m; k++) hit |= +(a === list[k]);
        out[i] = hit ^ x;
      }
    } else {
      for (let i = 0; i < n; i++) out[i] = +set.has(v[i]) ^ x;
    }
    return applyValid(out, col.valid);
  };
}

/** TRUE where a typed column is null (or, with `negate`, where it is not). */
export function validityMask(name: string, negate: boolean): MaskFn {
  return (ctx: Ctx) => {
    const valid = column(ctx, name).valid;
    const out = new Uint8Array(ctx.n);
    if (valid === null) {
      if (negate) out.fill(1);
    } else if (negate) out.set(valid.subarray(0, ctx.n));
    else for (let i = 0; i < ctx.n; i++) out[i] = valid[i] ^ 1;
    return out;
  };
}
