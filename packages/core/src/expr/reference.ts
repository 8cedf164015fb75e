import type { CollectionSchema, FieldSchema } from '../schema/types.js';
import type { Chunk } from '../segment/column.js';
import type { CompareOp, Expr, FieldExpr } from './ast.js';
import type { TemplateParams } from './parser.js';
import { parseExpression } from './parser.js';

/**
 * The reference interpreter: a deliberately plain, row-at-a-time evaluator over plain objects,
 * written separately from the compiled evaluator so that tests and benchmarks can check one
 * against the other. It shares only the parser. It assumes the filter already passed
 * `compileFilter` (it does no type checking of its own).
 */

/** One row as a plain object: field name → value (null for null, bigint for Int64, `$meta` object). */
export type Row = Readonly<Record<string, unknown>>;

type Truth = boolean | null; // null is UNKNOWN
type Kind = 'int' | 'int64' | 'float' | 'other';

/** Builds a row predicate for `expr` (true = the row matches). */
export function referenceFilter(expr: string, schema: CollectionSchema, params?: TemplateParams): (row: Row) => boolean {
  const ast = parseExpression(expr, params);
  const fields = new Map<string, FieldSchema>(schema.fields.map((f) => [f.name, f]));
  const ev = new RefEval(fields);
  return (row) => ev.truth(ast, row) === true;
}

/** The rows of a columnar chunk as plain objects, the reference interpreter's input. */
export function rowsOfChunk(chunk: Chunk): Row[] {
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < chunk.rowCount; i++) rows.push({});
  for (const [name, col] of Object.entries(chunk.columns)) {
    if (col.dataType === 'FloatVector') continue;
    const values = col.values as ArrayLike<unknown>;
    for (let i = 0; i < chunk.rowCount; i++) {
      const v = col.valid !== null && col.valid[i] === 0 ? null : values[i];
      rows[i][name] = col.dataType === 'Bool' && v !== null ? v === 1 : v;
    }
  }
  return rows;
}

class RefEval {
  constructor(private readonly fields: Map<string, FieldSchema>) {}

  truth(e: Expr, row: Row): Truth {
    switch (e.kind) {
      case 'and': {
        let sawNull = false;
        for (const x of e.items) {
          const t = this.truth(x, row);
          if (t === false) return false;
          if (t === null) sawNull = true;
        }
        return sawNull ? null : true;
      }
      case 'or': {
        let sawNull = false;
        for (const x of e.items) {
          const t = this.truth(x, row);
          if (t === true) return true;
          if (t === null) sawNull = true;
        }
        return sawNull ? null : false;
      }
      case 'not': {
        const t = this.truth(e.operand, row);
        return t === null ? null : !t;
      }
      case 'literal':
        return e.value as boolean;
      case 'field': {
        const v = this.value(e, row);
        return v === true ? true : v === false ? false : null;
      }
      case 'compare':
        return this.compare(e.op, e.left, e.right, row);
      case 'range': {
        const a = this.compare(e.lowerOp, e.lower, e.operand, row);
        const b = this.compare(e.upperOp, e.operand, e.upper, row);
        return a === false || b === false ? false : a === null || b === null ? null : true;
      }
      case 'in': {
        if (this.value(e.operand, row) === undefined) return null; // even for an empty list
        let result: Truth = false;
        for (const item of e.list.items) {
          const t = this.compare('==', e.operand, item, row);
          if (t === true) result = true;
          else if (t === null && result === false) result = null;
        }
        return e.negated && result !== null ? !result : result;
      }
      case 'like': {
        const v = this.value(e.operand, row);
        if (typeof v !== 'string') return null;
        const m = likeMatches(v, e.pattern);
        return e.negated ? !m : m;
      }
      case 'isnull': {
        const isNull = this.value(e.operand, row) === undefined;
        return e.negated ? !isNull : isNull;
      }
      case 'exists':
        return this.value(e.operand, row) !== undefined;
      case 'call': {
        const arr = this.value(e.args[0], row);
        if (!Array.isArray(arr)) return null;
        const arg = e.args[1];
        const wanted = arg.kind === 'list' && !e.name.endsWith('contains') ? arg.items.map(literalValue) : [literalValue(arg)];
        const found = wanted.map((w) => arr.some((x) => deepEqual(x, w)));
        return e.name.endsWith('_all') ? found.every(Boolean) : found.some(Boolean);
      }
      default:
        throw new Error(`not a condition: ${e.kind}`);
    }
  }

  private compare(op: CompareOp, l: Expr, r: Expr, row: Row): Truth {
    let a = this.value(l, row);
    let b = this.value(r, row);
    // A Float (32-bit) field compared with a constant sees the constant rounded to 32 bits.
    if (this.isFloat32Field(l) && isConstant(r) && b !== undefined) b = Math.fround(Number(b));
    if (this.isFloat32Field(r) && isConstant(l) && a !== undefined) a = Math.fround(Number(a));
    if (a === undefined || b === undefined) return null;
    // A list against an array value: equal when element-wise equal; anything but an array is UNKNOWN.
    if (l.kind === 'list' || r.kind === 'list') {
      if (!Array.isArray(a) || !Array.isArray(b)) return null;
      const same = deepEqual(a, b);
      return op === '==' ? same : !same;
    }
    const ca = typeof a === 'bigint' ? 'number' : typeof a;
    const cb = typeof b === 'bigint' ? 'number' : typeof b;
    if (ca !== cb || !['number', 'string', 'boolean'].includes(ca)) return null;
    if (ca === 'boolean' && op !== '==' && op !== '!=') return null;
    if (ca === 'string' && op !== '==' && op !== '!=') {
      // Milvus orders strings by their UTF-8 bytes, which is code point order.
      const d = codePointOrder(a as string, b as string);
      return op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : d >= 0;
    }
    const x = a as number;
    const y = b as number;
    if (op === '==') return x == y;
    if (op === '!=') return x != y;
    if (op === '<') return x < y;
    if (op === '<=') return x <= y;
    if (op === '>') return x > y;
    return x >= y;
  }

  private isFloat32Field(e: Expr): boolean {
    return e.kind === 'field' && e.path.length === 0 && this.fields.get(e.name)?.dataType === 'Float';
  }

  /** The value of an expression for a row; `undefined` when absent. */
  value(e: Expr, row: Row): unknown {
    switch (e.kind) {
      case 'literal':
        return e.value;
      case 'list':
        return e.items.map(literalValue);
      case 'field':
        return this.field(e, row);
      case 'call': {
        const arr = this.value(e.args[0], row);
        return Array.isArray(arr) ? arr.length : undefined;
      }
      case 'neg': {
        const kind = this.kind(e);
        const v = this.value(e.operand, row);
        if (kind === 'int64') return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v)) ? BigInt.asIntN(64, -BigInt(v)) : undefined;
        return typeof v === 'number' || typeof v === 'bigint' ? -Number(v) : undefined;
      }
      case 'arith':
        return this.arith(e.op, this.kind(e), this.value(e.left, row), this.value(e.right, row));
      default:
        throw new Error(`not a value: ${e.kind}`);
    }
  }

  private arith(op: string, kind: Kind, a: unknown, b: unknown): unknown {
    const numeric = (v: unknown): boolean => typeof v === 'number' || typeof v === 'bigint';
    if (!numeric(a) || !numeric(b)) return undefined;
    if (kind === 'int64') {
      const x = BigInt(a as bigint);
      const y = BigInt(b as bigint);
      if ((op === '/' || op === '%') && y === 0n) return undefined;
      const r = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : x % y;
      return BigInt.asIntN(64, r);
    }
    const x = Number(a);
    const y = Number(b);
    if (kind === 'int' && (op === '/' || op === '%') && y === 0) return undefined;
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        return kind === 'int' ? Math.trunc(x / y) : x / y;
      case '%':
        return x % y;
      default:
        return Math.pow(x, y);
    }
  }

  /** Arithmetic kind: JSON or float anywhere (or **) → float; else int64 if any Int64; else int. */
  private kind(e: Expr): Kind {
    switch (e.kind) {
      case 'literal':
        return typeof e.value === 'bigint' ? 'int' : typeof e.value === 'number' ? 'float' : 'other';
      case 'field': {
        const f = this.fields.get(e.name);
        const t = f === undefined ? 'JSON' : f.dataType === 'Array' && e.path.length > 0 ? f.elementType : f.dataType;
        if (t === 'Int64') return 'int64';
        if (t === 'Int8' || t === 'Int16' || t === 'Int32') return 'int';
        return 'float';
      }
      case 'call':
        return 'int';
      case 'neg':
        return this.kind(e.operand);
      case 'arith': {
        const a = this.kind(e.left);
        const b = this.kind(e.right);
        if (e.op === '**' || a === 'float' || b === 'float') return 'float';
        return a === 'int64' || b === 'int64' ? 'int64' : 'int';
      }
      default:
        return 'other';
    }
  }

  private field(e: FieldExpr, row: Row): unknown {
    const f = this.fields.get(e.name);
    let v: unknown;
    let path: readonly (string | number)[] = e.path;
    if (f !== undefined) v = row[e.name];
    else if (e.name === '$meta') v = row.$meta;
    else {
      v = row.$meta;
      path = [e.name, ...e.path];
    }
    for (const k of path) {
      if (Array.isArray(v)) {
        const s = String(k);
        v = /^(0|[1-9][0-9]*)$/.test(s) ? v[Number(s)] : undefined;
      } else if (typeof v === 'object' && v !== null) {
        v = Object.keys(v).includes(String(k)) ? (v as Record<string, unknown>)[String(k)] : undefined;
      } else v = undefined;
    }
    return v === null ? undefined : v;
  }
}

/** True when an expression holds no field (its value is the same for every row). */
function isConstant(e: Expr): boolean {
  if (e.kind === 'field' || e.kind === 'call') return false;
  if (e.kind === 'neg') return isConstant(e.operand);
  if (e.kind === 'arith') return isConstant(e.left) && isConstant(e.right);
  return e.kind === 'literal';
}

function literalValue(e: Expr): unknown {
  if (e.kind === 'literal') return e.value;
  if (e.kind === 'list') return e.items.map(literalValue);
  throw new Error('not a literal');
}

/** Compares strings code point by code point (the order of their UTF-8 bytes). */
function codePointOrder(a: string, b: string): number {
  const x = Array.from(a, (ch) => ch.codePointAt(0)!);
  const y = Array.from(b, (ch) => ch.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  const ta = typeof a === 'bigint' ? 'number' : typeof a;
  const tb = typeof b === 'bigint' ? 'number' : typeof b;
  return ta === tb && ['number', 'string', 'boolean'].includes(ta) && a == b;
}

/** LIKE by dynamic programming over code points: `%` any run, `_` one, `\x` a literal x. */
function likeMatches(text: string, pattern: string): boolean {
  const s = [...text];
  const p: { c: string; wild: boolean }[] = [];
  const pc = [...pattern];
  for (let i = 0; i < pc.length; i++) {
    if (pc[i] === '\\' && i + 1 < pc.length) p.push({ c: pc[++i], wild: false });
    else p.push({ c: pc[i], wild: pc[i] === '%' || pc[i] === '_' });
  }
  // ok[j] = pattern[0..i) matches text[0..j)
  let ok = new Array<boolean>(s.length + 1).fill(false);
  ok[0] = true;
  for (const t of p) {
    const next = new Array<boolean>(s.length + 1).fill(false);
    for (let j = 0; j <= s.length; j++) {
      if (t.wild && t.c === '%') next[j] = ok[j] || (j > 0 && next[j - 1]);
      else if (j > 0) next[j] = ok[j - 1] && (t.wild || s[j - 1] === t.c);
    }
    ok = next;
  }
  return ok[s.length];
}
