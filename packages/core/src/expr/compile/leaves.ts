import type { CompareOp } from '../ast.js';
import type { LitValue, Scalar, TPred, TVal } from '../ir.js';
import type { MaskFn } from './context.js';
import { column, constMask, rowMask } from './context.js';
import { intersect, int64InMask, intervalOf } from './int64.js';
import { boolEquals, int64Interval, numCompare, numRange, setMember, strCompare, validityMask } from './kernels.js';
import { compileLike } from './like.js';
import type { Outcome } from './scalar.js';
import { compareDyn, compareSame, exactDouble, jsOrderIsUtf8Order, jsonGetter, sameValue } from './scalar.js';
import type { ValueProgram } from './values.js';
import { compileValue } from './values.js';

/** `a op b` ⇔ `b flip(op) a`. */
const FLIP: Readonly<Record<CompareOp, CompareOp>> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

type ColVal = Extract<TVal, { k: 'col' }>;
type JsonVal = Extract<TVal, { k: 'json' }>;

/** Compiles a leaf condition into a mask of rows where it is TRUE (`want`) or FALSE (`!want`). */
export function compileLeaf(p: Exclude<TPred, { k: 'and' | 'or' | 'not' | 'const' }>, want: boolean): MaskFn {
  switch (p.k) {
    case 'cmp':
      return compileCompare(p.op, p.left, p.right, want);
    case 'range':
      return compileRange(p, want);
    case 'in':
      return compileIn(p.operand, p.values, want);
    case 'like':
      return compileLikePred(p.operand, p.pattern, want);
    case 'isnull':
      if (p.operand.k === 'col' && p.operand.t !== 'array') return validityMask(p.operand.name, !want);
      return generic(want, [compileValue(p.operand)], (v) => (v === undefined ? 1 : 0));
    case 'contains':
      return compileContains(p.mode, p.operand, p.values, want);
    case 'listeq': {
      const values = p.values;
      return generic(want, [compileValue(p.operand)], (v) => (Array.isArray(v) ? (sameValue(v, values) ? 1 : 0) : -1));
    }
    case 'truthy':
      if (p.operand.k === 'col' && p.operand.t === 'bool') return boolEquals(p.operand.name, true, !want);
      return generic(want, [compileValue(p.operand)], (v) => (v === true ? 1 : v === false ? 0 : -1));
  }
}

/**
 * The generic kernel: binds each value program for the chunk and computes a row's outcome from
 * the operands' JS values. Constant operands are passed through.
 */
function generic(want: boolean, programs: ValueProgram[], outcome: (...v: unknown[]) => Outcome): MaskFn {
  if (programs.every((p) => p.constant)) {
    const o = outcome(...programs.map((p) => (p as { value: unknown }).value));
    return constMask(o === (want ? 1 : 0) ? 1 : 0);
  }
  return rowMask(want, (ctx, sel) => {
    const readers = programs.map((p) => (p.constant ? () => p.value : p.bind(ctx, sel)));
    if (readers.length === 1) {
      const r = readers[0];
      return (i) => outcome(r(i));
    }
    const [a, b, c, d] = readers;
    if (readers.length === 2) return (i) => outcome(a(i), b(i));
    return readers.length === 3 ? (i) => outcome(a(i), b(i), c(i)) : (i) => outcome(a(i), b(i), c(i), d(i));
  });
}

function compileCompare(op: CompareOp, left: TVal, right: TVal, want: boolean): MaskFn {
  const lp = compileValue(left);
  const rp = compileValue(right);
  if (left.k === 'col' && rp.constant) return colConst(left, op, rp.value, want) ?? generic(want, [lp, rp], cmp(op));
  if (right.k === 'col' && lp.constant) return colConst(right, FLIP[op], lp.value, want) ?? generic(want, [lp, rp], cmp(op));
  if (left.k === 'json' && rp.constant) return jsonConst(left, op, rp.value, want);
  if (right.k === 'json' && lp.constant) return jsonConst(right, FLIP[op], lp.value, want);
  return generic(want, [lp, rp], cmp(op));
}

function cmp(op: CompareOp): (a: unknown, b: unknown) => Outcome {
  return (a, b) => compareDyn(a, b, op);
}

/** The specialized column-vs-constant kernels; undefined when no kernel fits. */
function colConst(col: ColVal, op: CompareOp, c: Scalar | undefined, want: boolean): MaskFn | undefined {
  if (c === undefined) return constMask(0);
  switch (col.t) {
    case 'int64': {
      if (typeof c !== 'number' && typeof c !== 'bigint') return undefined;
      return int64Interval(col.name, intervalOf(op === '!=' ? '==' : op, c), (op === '!=') === want);
    }
    case 'int':
    case 'float':
      // A Float (32-bit) column is compared with the constant rounded to 32 bits, as Milvus does.
      if (col.dataType === 'Float' && typeof c === 'bigint') return numCompare(col.name, op, Math.fround(Number(c)), !want);
      if (typeof c !== 'number') return undefined;
      return numCompare(col.name, op, col.dataType === 'Float' ? Math.fround(c) : c, !want);
    case 'string':
      return typeof c === 'string' ? strCompare(col.name, op, c, !want) : undefined;
    case 'bool':
      if (typeof c !== 'boolean') return undefined;
      return boolEquals(col.name, op === '==' ? c : !c, !want);
    default:
      return undefined;
  }
}

/** A JSON path compared with a constant: path lookup and comparison fused in one loop. */
function jsonConst(j: JsonVal, op: CompareOp, c: Scalar | undefined, want: boolean): MaskFn {
  if (c === undefined) return constMask(0);
  const get = jsonGetter(j.path);
  const test = constTest(op, c);
  const target = want ? 1 : 0;
  return (ctx, sel) => {
    const col = column(ctx, j.name);
    const values = col.values as unknown[];
    const valid = col.valid;
    const n = ctx.n;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if ((sel !== null && sel[i] === 0) || (valid !== null && valid[i] === 0)) continue;
      out[i] = +(test(get(values[i])) === target);
    }
    return out;
  };
}

/** `v op c` for a run-time value against a constant, specialized on the constant's JS type. */
function constTest(op: CompareOp, c: Scalar): (v: unknown) => Outcome {
  if (typeof c === 'string') {
    // JS's own string order is UTF-8 order against a constant without units >= U+D800 (kernels.ts).
    if (!jsOrderIsUtf8Order(c)) return (v) => (typeof v === 'string' ? (compareSame(v, c, op) ? 1 : 0) : -1);
    switch (op) {
      case '==':
        return (v) => (typeof v === 'string' ? (v === c ? 1 : 0) : -1);
      case '!=':
        return (v) => (typeof v === 'string' ? (v !== c ? 1 : 0) : -1);
      case '<':
        return (v) => (typeof v === 'string' ? (v < c ? 1 : 0) : -1);
      case '<=':
        return (v) => (typeof v === 'string' ? (v <= c ? 1 : 0) : -1);
      case '>':
        return (v) => (typeof v === 'string' ? (v > c ? 1 : 0) : -1);
      case '>=':
        return (v) => (typeof v === 'string' ? (v >= c ? 1 : 0) : -1);
    }
  }
  if (typeof c === 'boolean') return (v) => compareDyn(v, c, op);
  switch (op) {
    case '==':
      return (v) => (typeof v === 'number' || typeof v === 'bigint' ? (v == c ? 1 : 0) : -1);
    case '!=':
      return (v) => (typeof v === 'number' || typeof v === 'bigint' ? (v != c ? 1 : 0) : -1);
    case '<':
      return (v) => (typeof v === 'number' || typeof v === 'bigint' ? (v < c ? 1 : 0) : -1);
    case '<=':
      return (v) => (typeof v === 'number' || typeof v === 'bigint' ? (v <= c ? 1 : 0) : -1);
    case '>':
      return (v) => (typeof v === 'number' || typeof v === 'bigint' ? (v > c ? 1 : 0) : -1);
    case '>=':
      return (v) => (typeof v === 'number' || typeof v === 'bigint' ? (v >= c ? 1 : 0) : -1);
  }
}

function compileRange(p: Extract<TPred, { k: 'range' }>, want: boolean): MaskFn {
  const lo = compileValue(p.low);
  const hi = compileValue(p.high);
  const mid = p.mid;
  if (mid.k === 'col' && lo.constant && hi.constant && lo.value !== undefined && hi.value !== undefined) {
    const a = lo.value;
    const b = hi.value;
    if (mid.t === 'int64' && (typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
      const iv = intersect(intervalOf(FLIP[p.lowOp] as '>' | '>=', a), intervalOf(p.highOp, b));
      return int64Interval(mid.name, iv, !want);
    }
    const f32 = mid.dataType === 'Float';
    if ((mid.t === 'int' || mid.t === 'float') && ((typeof a === 'number' && typeof b === 'number') || f32)) {
      const f = (x: Scalar): number => (f32 ? Math.fround(Number(x)) : (x as number));
      return numRange(mid.name, f(a), p.lowOp === '<', f(b), p.highOp === '<', !want);
    }
  }
  // Generic: two comparisons sharing the middle; each pair applies the Float rounding rule alone.
  const lowOp = p.lowOp;
  const highOp = p.highOp;
  const m = compileValue(mid);
  const programs = [f32Const(lo, mid), f32Const(m, p.low), f32Const(m, p.high), f32Const(hi, mid)];
  return generic(want, programs, (x, m1, m2, y) => kleeneAnd(compareDyn(x, m1, lowOp), compareDyn(m2, y, highOp)));
}

/** A constant compared directly with a Float (32-bit) column is rounded to 32 bits first. */
function f32Const(prog: ValueProgram, other: TVal): ValueProgram {
  if (!prog.constant || prog.value === undefined || other.k !== 'col' || other.dataType !== 'Float') return prog;
  return { constant: true, value: Math.fround(Number(prog.value)) };
}

function kleeneAnd(a: Outcome, b: Outcome): Outcome {
  return a === 0 || b === 0 ? 0 : a === -1 || b === -1 ? -1 : 1;
}

function compileIn(operand: TVal, values: readonly Scalar[], want: boolean): MaskFn {
  if (operand.k === 'col') {
    if (operand.t === 'int64') {
      const ints: bigint[] = [];
      for (const v of values) {
        if (typeof v === 'bigint') ints.push(v);
        else if (typeof v === 'number' && Number.isInteger(v)) ints.push(BigInt(v));
      }
      const name = operand.name;
      return (ctx) => {
        const col = column(ctx, name);
        return int64InMask(col.values as BigInt64Array, ctx.n, ints, !want, col.valid);
      };
    }
    if (operand.t === 'int' || operand.t === 'float' || operand.t === 'string' || operand.t === 'bool') {
      const set = new Set<number | string>();
      const f32 = operand.dataType === 'Float';
      for (const v of values) {
        if (typeof v === 'string') set.add(v);
        else if (typeof v === 'boolean') set.add(v ? 1 : 0);
        else {
          if (f32) {
            set.add(Math.fround(Number(v)));
            continue;
          }
          const d = typeof v === 'bigint' ? exactDouble(v) : v;
          if (d !== undefined) set.add(d); // else no double equals it
        }
      }
      return setMember(operand.name, set, !want);
    }
  }
  return generic(want, [compileValue(operand)], membership(values));
}

/** Kleene OR of `v == x` over the list: TRUE on a match, UNKNOWN if some item had another type. */
function membership(values: readonly Scalar[]): (v: unknown) => Outcome {
  const nums = new Set<number>();
  const bigs: bigint[] = [];
  const strs = new Set<string>();
  const bools = new Set<boolean>();
  for (const x of values) {
    if (typeof x === 'number') nums.add(x);
    else if (typeof x === 'bigint') {
      const d = exactDouble(x);
      if (d !== undefined) nums.add(d);
      else bigs.push(x);
    } else if (typeof x === 'string') strs.add(x);
    else bools.add(x);
  }
  // Whether the list holds an item of a class other than the row value's (that item's == is UNKNOWN).
  const notNum = values.some((x) => typeof x !== 'number' && typeof x !== 'bigint');
  const notStr = values.some((x) => typeof x !== 'string');
  const notBool = values.some((x) => typeof x !== 'boolean');
  return (v) => {
    switch (typeof v) {
      case 'number':
        return nums.has(v) ? 1 : notNum ? -1 : 0;
      case 'bigint': {
        const d = exactDouble(v);
        const hit = d !== undefined ? nums.has(d) : bigs.includes(v);
        return hit ? 1 : notNum ? -1 : 0;
      }
      case 'string':
        return strs.has(v) ? 1 : notStr ? -1 : 0;
      case 'boolean':
        return bools.has(v) ? 1 : notBool ? -1 : 0;
      case 'undefined':
        return -1;
      default:
        // An object or array equals no literal: UNKNOWN against each item, FALSE for an empty list.
        return values.length === 0 ? 0 : -1;
    }
  };
}

function compileLikePred(operand: TVal, pattern: string, want: boolean): MaskFn {
  const match = compileLike(pattern);
  if (operand.k === 'col' && operand.t === 'string') {
    const name = operand.name;
    return rowMask(want, (ctx) => {
      const col = column(ctx, name);
      const v = col.values as string[];
      const valid = col.valid;
      return (i) => (valid !== null && valid[i] === 0 ? -1 : match(v[i]) ? 1 : 0);
    });
  }
  return generic(want, [compileValue(operand)], (v) => (typeof v === 'string' ? (match(v) ? 1 : 0) : -1));
}

function compileContains(mode: 'one' | 'all' | 'any', operand: TVal, values: readonly LitValue[], want: boolean): MaskFn {
  const has = (arr: unknown[], x: LitValue): boolean => {
    for (let i = 0; i < arr.length; i++) if (sameValue(arr[i], x)) return true;
    return false;
  };
  const test =
    mode === 'all' ? (arr: unknown[]) => values.every((x) => has(arr, x)) : (arr: unknown[]) => values.some((x) => has(arr, x));
  return generic(want, [compileValue(operand)], (v) => (Array.isArray(v) ? (test(v) ? 1 : 0) : -1));
}
