import type { ArrayElementType, CollectionSchema, DataType, FieldSchema } from '../schema/types.js';
import { DYNAMIC_FIELD } from '../schema/types.js';
import type { CompareExpr, CompareOp, Expr, FieldExpr, ListExpr, LiteralExpr } from './ast.js';
import { exprError, quote } from './error.js';
import type { LitValue, SType, Scalar, TPred, TVal } from './ir.js';
import { isNumeric } from './ir.js';

/** The result of type-checking: the condition tree and the schema fields it reads. */
export interface Checked {
  readonly pred: TPred;
  readonly fields: readonly string[];
}

/** Static type of a schema data type (or Array element type). */
export function typeOf(dataType: DataType | ArrayElementType): SType {
  switch (dataType) {
    case 'Bool':
      return 'bool';
    case 'Int8':
    case 'Int16':
    case 'Int32':
      return 'int';
    case 'Int64':
      return 'int64';
    case 'Float':
    case 'Double':
      return 'float';
    case 'VarChar':
      return 'string';
    case 'JSON':
      return 'json';
    case 'Array':
      return 'array';
    case 'FloatVector':
      throw new Error('vector fields have no scalar type');
  }
}

/** Names a value for an error message: `Int32 field "age"`, `a string literal`, … */
function what(v: TVal): string {
  switch (v.k) {
    case 'col':
      return `${v.dataType} field ${quote(v.name)}`;
    case 'elem':
      return `${v.elementType} element of ${quote(v.name)}`;
    case 'json':
      return 'a JSON value';
    case 'const':
      return typeof v.value === 'bigint' ? 'an integer literal' : typeof v.value === 'number' ? 'a float literal' : `a ${typeof v.value} literal`;
    case 'len':
      return 'array_length(…)';
    default:
      return `an ${v.t === 'int64' ? 'Int64' : v.t === 'int' ? 'integer' : 'floating-point'} expression`;
  }
}

/**
 * Resolves names against `schema` and checks types. Throws QuiverError(InvalidExpression) with
 * the column of the offending node.
 */
export function checkExpression(root: Expr, schema: CollectionSchema): Checked {
  return new Checker(schema).run(root);
}

class Checker {
  private readonly byName = new Map<string, FieldSchema>();
  private readonly used = new Set<string>();
  constructor(private readonly schema: CollectionSchema) {
    for (const f of schema.fields) this.byName.set(f.name, f);
  }

  run(root: Expr): Checked {
    const pred = this.pred(root);
    return { pred, fields: [...this.used] };
  }

  private pred(e: Expr): TPred {
    switch (e.kind) {
      case 'and':
      case 'or':
        return { k: e.kind, items: e.items.map((x) => this.pred(x)) };
      case 'not':
        return { k: 'not', item: this.pred(e.operand) };
      case 'compare':
        if (e.left.kind === 'list' || e.right.kind === 'list') return this.listCompare(e);
        return this.compare(e.op, this.value(e.left), this.value(e.right), e.column);
      case 'exists': {
        const where = e.operand.column;
        if (e.operand.kind !== 'field') throw exprError('exists needs a JSON key (meta["key"] or a dynamic field key)', where);
        const v = this.field(e.operand);
        if (v.k !== 'json') throw exprError(`exists needs a JSON key (meta["key"] or a dynamic field key), not ${what(v)}`, where);
        if (v.path.length === 0) throw exprError(`exists needs a key of ${quote(v.name)}: write exists ${v.name}["key"]`, where);
        // A key with a JSON null counts as absent, as in `is not null` (Milvus rewrites that to exists).
        return { k: 'not', item: { k: 'isnull', operand: v } };
      }
      case 'range': {
        const low = this.value(e.lower);
        const mid = this.value(e.operand);
        const high = this.value(e.upper);
        this.comparable(e.lowerOp, low, mid, e.column);
        this.comparable(e.upperOp, mid, high, e.column);
        return { k: 'range', lowOp: e.lowerOp, low: this.adapt(low, mid), mid, highOp: e.upperOp, high: this.adapt(high, mid) };
      }
      case 'in': {
        const operand = this.value(e.operand);
        if (operand.k === 'const') throw exprError('the left side of in must not be a constant', e.operand.column);
        const values = e.list.items.map((item) => {
          if (item.kind === 'list') throw exprError('an in list may only hold scalars', item.column);
          const c = this.literal(item);
          this.comparable('==', operand, c, item.column);
          return (this.adapt(c, operand) as { value: Scalar }).value;
        });
        const p: TPred = { k: 'in', operand, values };
        return e.negated ? { k: 'not', item: p } : p;
      }
      case 'like': {
        const operand = this.value(e.operand);
        if (operand.t !== 'string' && operand.t !== 'json') {
          throw exprError(`like needs a VarChar or JSON operand, not ${what(operand)}`, e.column);
        }
        const p: TPred = { k: 'like', operand, pattern: e.pattern };
        return e.negated ? { k: 'not', item: p } : p;
      }
      case 'isnull': {
        const operand = this.value(e.operand);
        if (operand.k !== 'col' && operand.k !== 'json' && operand.k !== 'elem') {
          throw exprError('IS NULL applies to a field, a JSON path or an array element', e.column);
        }
        const p: TPred = { k: 'isnull', operand };
        return e.negated ? { k: 'not', item: p } : p;
      }
      case 'call':
        if (e.name === 'array_length') break;
        return this.contains(e.name, e.args);
      case 'literal':
        if (typeof e.value === 'boolean') return { k: 'const', value: e.value };
        break;
      case 'field': {
        const v = this.field(e);
        if (v.t === 'bool' || v.t === 'json') return { k: 'truthy', operand: v };
        throw exprError(`expected a condition, but ${what(v)} is not one (compare it with something)`, e.column);
      }
      default:
        break;
    }
    throw exprError('expected a condition (a comparison, in, like, is null, a function or a Bool field)', e.column);
  }

  private compare(op: CompareOp, left: TVal, right: TVal, column: number): TPred {
    this.comparable(op, left, right, column);
    return { k: 'cmp', op, left: this.adapt(left, right), right: this.adapt(right, left) };
  }

  /** `x == [..]` / `x != [..]`: an Array field or a JSON value against a list, whole-array equality. */
  private listCompare(e: CompareExpr): TPred {
    const listOnRight = e.right.kind === 'list';
    const list = (listOnRight ? e.right : e.left) as ListExpr;
    const other = listOnRight ? e.left : e.right;
    if (other.kind === 'list') throw exprError('two lists cannot be compared; compare a field with a list', e.column);
    if (e.op !== '==' && e.op !== '!=') throw exprError(`arrays only compare with == and !=, not ${quote(e.op)}`, e.column);
    const operand = this.value(other);
    let values: LitValue[];
    if (operand.k === 'col' && operand.t === 'array') {
      const elementType = operand.elementType ?? 'Int64';
      const elem: TVal = { k: 'elem', t: typeOf(elementType), name: operand.name, index: 0, elementType };
      values = list.items.map((item) => {
        if (item.kind === 'list') throw exprError(`elements of ${quote(operand.name)} are scalars; a list cannot be one of them`, item.column);
        const c = this.literal(item);
        this.comparable('==', elem, c, item.column);
        return (this.adapt(c, elem) as { value: Scalar }).value;
      });
    } else if (operand.t === 'json') {
      values = list.items.map((x) => this.litValue(x));
    } else {
      throw exprError(`a list compares only with an Array field or a JSON value, not ${what(operand)}`, e.column);
    }
    const p: TPred = { k: 'listeq', operand, values };
    return e.op === '==' ? p : { k: 'not', item: p };
  }

  /** Throws unless `a op b` is well-typed. */
  private comparable(op: CompareOp, a: TVal, b: TVal, column: number): void {
    for (const v of [a, b]) {
      if (v.t === 'array') throw exprError('an Array field cannot be compared with a scalar; compare it with a list (tags == ["a"]), index it (tags[0]) or use array_contains', column);
    }
    const ordering = op !== '==' && op !== '!=';
    if (ordering && (a.t === 'bool' || b.t === 'bool')) throw exprError(`booleans only compare with == and !=, not ${quote(op)}`, column);
    if (a.t === 'json' || b.t === 'json') return;
    if (a.t === b.t || (isNumeric(a.t) && isNumeric(b.t))) return;
    throw exprError(`cannot compare ${what(a)} with ${what(b)}`, column);
  }

  /**
   * Shapes a constant for the value it is compared with: integers stay bigint next to Int64 (and
   * when beyond 2^53, where a double would round), otherwise they become doubles.
   */
  private adapt(c: TVal, other: TVal): TVal {
    if (c.k !== 'const' || typeof c.value !== 'bigint' || other.t === 'int64') return c;
    const n = Number(c.value);
    return Number.isSafeInteger(n) ? { k: 'const', t: c.t, value: n } : c;
  }

  private contains(name: string, args: readonly Expr[]): TPred {
    const operand = this.value(args[0]);
    const isArray = operand.k === 'col' && operand.t === 'array';
    if (!isArray && operand.t !== 'json') {
      throw exprError(`${name} needs an Array field or a JSON value as its first argument`, args[0].column);
    }
    const mode = name.endsWith('_all') ? 'all' : name.endsWith('_any') ? 'any' : 'one';
    const arg = args[1];
    let values: LitValue[];
    if (mode === 'one') {
      if (arg.kind !== 'literal' && arg.kind !== 'list') throw exprError(`the second argument of ${name} must be a literal`, arg.column);
      values = [this.litValue(arg)];
    } else {
      if (arg.kind !== 'list') throw exprError(`the second argument of ${name} must be a list`, arg.column);
      values = arg.items.map((x) => this.litValue(x));
    }
    if (isArray) {
      const elementType = operand.elementType ?? 'Int64';
      const elem: TVal = { k: 'elem', t: typeOf(elementType), name: operand.name, index: 0, elementType };
      values = values.map((v) => {
        if (Array.isArray(v)) throw exprError(`elements of ${quote(operand.name)} are scalars; a list cannot be one of them`, arg.column);
        const c: TVal = { k: 'const', t: constType(v as Scalar), value: v as Scalar };
        this.comparable('==', elem, c, arg.column);
        return (this.adapt(c, elem) as { value: Scalar }).value;
      });
    }
    return { k: 'contains', mode, operand, values };
  }

  private litValue(e: LiteralExpr | ListExpr): LitValue {
    return e.kind === 'list' ? e.items.map((x) => this.litValue(x)) : e.value;
  }

  private literal(e: LiteralExpr): TVal {
    return { k: 'const', t: constType(e.value), value: e.value };
  }

  private value(e: Expr): TVal {
    switch (e.kind) {
      case 'literal':
        return this.literal(e);
      case 'field':
        return this.field(e);
      case 'neg': {
        const operand = this.value(e.operand);
        return { k: 'neg', t: this.arithType(operand, operand, e.column, '-'), operand };
      }
      case 'arith': {
        const left = this.value(e.left);
        const right = this.value(e.right);
        const t = e.op === '**' ? (this.arithType(left, right, e.column, e.op), 'float') : this.arithType(left, right, e.column, e.op);
        return { k: 'arith', t, op: e.op, left, right };
      }
      case 'call':
        if (e.name === 'array_length') {
          const operand = this.value(e.args[0]);
          if (!(operand.k === 'col' && operand.t === 'array') && operand.t !== 'json') {
            throw exprError('array_length needs an Array field or a JSON value', e.args[0].column);
          }
          return { k: 'len', t: 'int', operand };
        }
        throw exprError(`${e.name} is a condition, not a value`, e.column);
      case 'list':
        throw exprError('a list can only follow in or be a function argument', e.column);
      default:
        throw exprError('expected a value but found a condition', e.column);
    }
  }

  private arithType(a: TVal, b: TVal, column: number, op: string): 'int' | 'int64' | 'float' {
    for (const v of [a, b]) {
      if (!isNumeric(v.t) && v.t !== 'json') throw exprError(`arithmetic ${quote(op)} needs numbers, not ${what(v)}`, column);
    }
    if (a.t === 'json' || b.t === 'json' || a.t === 'float' || b.t === 'float') return 'float';
    return a.t === 'int64' || b.t === 'int64' ? 'int64' : 'int';
  }

  private field(e: FieldExpr): TVal {
    const f = this.byName.get(e.name);
    if (f === undefined) {
      if (e.name === DYNAMIC_FIELD && this.schema.enableDynamicField) {
        this.used.add(DYNAMIC_FIELD);
        return { k: 'json', t: 'json', name: DYNAMIC_FIELD, path: e.path };
      }
      if (!this.schema.enableDynamicField) throw exprError(`unknown field ${quote(e.name)}`, e.column);
      this.used.add(DYNAMIC_FIELD);
      return { k: 'json', t: 'json', name: DYNAMIC_FIELD, path: [e.name, ...e.path] };
    }
    if (f.dataType === 'FloatVector') throw exprError(`vector field ${quote(f.name)} cannot be used in a filter`, e.column);
    this.used.add(f.name);
    if (f.dataType === 'JSON') return { k: 'json', t: 'json', name: f.name, path: e.path };
    if (e.path.length === 0) return { k: 'col', t: typeOf(f.dataType), name: f.name, dataType: f.dataType, elementType: f.elementType };
    const index = e.path[0];
    if (f.dataType !== 'Array') throw exprError(`field ${quote(f.name)} of type ${f.dataType} cannot be indexed`, e.pathColumns[0]);
    if (typeof index !== 'number') throw exprError(`Array field ${quote(f.name)} takes an integer index, not a key`, e.pathColumns[0]);
    if (e.path.length > 1) throw exprError(`elements of Array field ${quote(f.name)} are scalars and cannot be indexed`, e.pathColumns[1]);
    const elementType = f.elementType ?? 'Int64';
    return { k: 'elem', t: typeOf(elementType), name: f.name, index, elementType };
  }
}

function constType(v: Scalar): SType {
  return typeof v === 'bigint' ? 'int' : typeof v === 'number' ? 'float' : typeof v === 'string' ? 'string' : 'bool';
}
