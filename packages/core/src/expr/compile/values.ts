import type { ArithOp } from '../ast.js';
import type { Scalar, TVal } from '../ir.js';
import type { Ctx } from './context.js';
import { column } from './context.js';
import type { Maybe } from './scalar.js';
import { arithFloat, arithInt, arithInt64, jsonGetter, toNumber } from './scalar.js';

/** Reads row `i` of a bound value: a JS value, or `undefined` when absent (null, missing key…). */
export type Reader = (i: number) => unknown;

/** A compiled value: either a constant (folded at compile time) or a program bound per chunk. */
export type ValueProgram =
  | { readonly constant: true; readonly value: Maybe<Scalar> }
  | { readonly constant: false; bind(ctx: Ctx, sel: Uint8Array | null): Reader };

/**
 * Compiles a value node into a row reader (the generic path; the common shapes have specialized
 * kernels in `kernels.ts`). Arithmetic is computed column-at-a-time into an array per chunk.
 */
export function compileValue(v: TVal): ValueProgram {
  switch (v.k) {
    case 'const':
      return { constant: true, value: v.value };
    case 'col':
      return { constant: false, bind: (ctx) => columnReader(ctx, v.name, v.t === 'bool') };
    case 'json': {
      const get = jsonGetter(v.path);
      return {
        constant: false,
        bind(ctx) {
          const c = column(ctx, v.name);
          const values = c.values as unknown[];
          const valid = c.valid;
          return (i) => (valid !== null && valid[i] === 0 ? undefined : get(values[i]));
        },
      };
    }
    case 'elem': {
      const index = v.index;
      return {
        constant: false,
        bind(ctx) {
          const c = column(ctx, v.name);
          const values = c.values as unknown[];
          const valid = c.valid;
          return (i) => {
            if (valid !== null && valid[i] === 0) return undefined;
            const arr = values[i];
            return Array.isArray(arr) && index < arr.length ? (arr[index] ?? undefined) : undefined;
          };
        },
      };
    }
    case 'len': {
      const inner = compileValue(v.operand);
      if (inner.constant) return { constant: true, value: undefined };
      return {
        constant: false,
        bind(ctx, sel) {
          const r = inner.bind(ctx, sel);
          return (i) => {
            const a = r(i);
            return Array.isArray(a) ? a.length : undefined;
          };
        },
      };
    }
    case 'neg':
      return unary(v.t, compileValue(v.operand));
    case 'arith':
      return arith(v.t, v.op, compileValue(v.left), compileValue(v.right));
  }
}

/** A reader over a typed scalar column; Bool columns read as booleans. */
export function columnReader(ctx: Ctx, name: string, isBool: boolean): Reader {
  const c = column(ctx, name);
  const data = c.values as ArrayLike<unknown>;
  const valid = c.valid;
  if (isBool) {
    const d = c.values as Uint8Array;
    return (i) => (valid !== null && valid[i] === 0 ? undefined : d[i] === 1);
  }
  if (valid === null) return (i) => data[i] ?? undefined;
  return (i) => (valid[i] === 0 ? undefined : (data[i] ?? undefined));
}

type Scalar1 = (x: unknown) => unknown;

function unary(t: 'int' | 'int64' | 'float', inner: ValueProgram): ValueProgram {
  const f: Scalar1 =
    t === 'int64'
      ? (x) => {
          const b = toBig(x);
          return b === undefined ? undefined : BigInt.asIntN(64, -b);
        }
      : (x) => {
          const n = toNumber(x);
          return n === undefined ? undefined : -n;
        };
  if (inner.constant) return { constant: true, value: f(inner.value) as Maybe<Scalar> };
  return mapRows(inner, f);
}

function arith(t: 'int' | 'int64' | 'float', op: ArithOp, l: ValueProgram, r: ValueProgram): ValueProgram {
  let f: (a: unknown, b: unknown) => unknown;
  if (op === '**' || t === 'float') {
    f = (a, b) => {
      const x = toNumber(a);
      const y = toNumber(b);
      return x === undefined || y === undefined ? undefined : arithFloat(op, x, y);
    };
  } else if (t === 'int64') {
    f = (a, b) => {
      const x = toBig(a);
      const y = toBig(b);
      return x === undefined || y === undefined ? undefined : arithInt64(op, x, y);
    };
  } else {
    f = (a, b) => {
      const x = toNumber(a);
      const y = toNumber(b);
      return x === undefined || y === undefined ? undefined : arithInt(op, x, y);
    };
  }
  if (l.constant) {
    const c = l.value;
    if (r.constant) return { constant: true, value: f(c, r.value) as Maybe<Scalar> };
    return mapRows(r, (y) => f(c, y));
  }
  if (r.constant) {
    const c = r.value;
    return mapRows(l, (x) => f(x, c));
  }
  return {
    constant: false,
    bind(ctx, sel) {
      const a = l.bind(ctx, sel);
      const b = r.bind(ctx, sel);
      return materialize(ctx, sel, (i) => f(a(i), b(i)));
    },
  };
}

function mapRows(inner: ValueProgram & { constant: false }, f: Scalar1): ValueProgram {
  return {
    constant: false,
    bind(ctx, sel) {
      const r = inner.bind(ctx, sel);
      return materialize(ctx, sel, (i) => f(r(i)));
    },
  };
}

/** Computes a value for every selected row once, so that readers of readers stay linear. */
function materialize(ctx: Ctx, sel: Uint8Array | null, f: Reader): Reader {
  const n = ctx.n;
  const out: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) if (sel === null || sel[i] === 1) out[i] = f(i);
  return (i) => out[i];
}

/** A value as a bigint for Int64 arithmetic (integral numbers convert), or absent. */
function toBig(v: unknown): Maybe<bigint> {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return undefined;
}
