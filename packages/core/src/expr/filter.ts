import type { CollectionSchema } from '../schema/types.js';
import { primaryField } from '../schema/types.js';
import type { Chunk } from '../segment/column.js';
import { checkExpression } from './checker.js';
import { compilePred } from './compile/pred.js';
import type { Scalar, TPred, TVal } from './ir.js';
import type { TemplateParams } from './parser.js';
import { parseExpression } from './parser.js';

/** A filter ready to run over chunks of a collection with the schema it was compiled for. */
export interface CompiledFilter {
  /** The expression text it was compiled from. */
  readonly source: string;
  /** 1 where the row matches, 0 otherwise; length chunk.rowCount. */
  evaluate(chunk: Chunk): Uint8Array;
  /**
   * If the whole filter is `pk in [...]` / `pk == x` (possibly OR-ed), the pk values (bigint for
   * Int64 pks, string for VarChar), without duplicates: lets the engine do point lookups.
   */
  readonly pkLookup?: ReadonlyArray<bigint | string>;
  /** Names of the schema fields the filter reads (for column loading); `$meta` for dynamic keys. */
  readonly fields: readonly string[];
}

/**
 * Parses, type-checks and compiles a Milvus boolean expression; throws
 * QuiverError(ErrorCode.InvalidExpression, msg) with "… at column N" in the message for every
 * problem (an empty filter included: callers treat empty input as "no filter" before calling).
 */
export function compileFilter(expr: string, schema: CollectionSchema, params?: TemplateParams): CompiledFilter {
  const ast = parseExpression(expr, params);
  const { pred, fields } = checkExpression(ast, schema);
  const fn = compilePred(pred, true);
  const pkLookup = pkValues(pred, schema);
  return {
    source: expr,
    fields,
    ...(pkLookup !== undefined ? { pkLookup } : {}),
    evaluate(chunk: Chunk): Uint8Array {
      return fn({ chunk, n: chunk.rowCount }, null);
    },
  };
}

/** The pk values when the filter is only pk equalities / memberships joined by OR. */
function pkValues(pred: TPred, schema: CollectionSchema): (bigint | string)[] | undefined {
  const pk = schema.fields.some((f) => f.isPrimary) ? primaryField(schema) : undefined;
  if (pk === undefined || (pk.dataType !== 'Int64' && pk.dataType !== 'VarChar')) return undefined;
  const isPk = (v: TVal): boolean => v.k === 'col' && v.name === pk.name;
  const out: Scalar[] = [];
  const collect = (p: TPred): boolean => {
    if (p.k === 'or') return p.items.every(collect);
    if (p.k === 'in' && isPk(p.operand)) {
      for (const v of p.values) out.push(v); // not push(...): lists can be longer than the argument limit
      return true;
    }
    if (p.k === 'cmp' && p.op === '==') {
      if (isPk(p.left) && p.right.k === 'const') out.push(p.right.value);
      else if (isPk(p.right) && p.left.k === 'const') out.push(p.left.value);
      else return false;
      return true;
    }
    return false;
  };
  if (!collect(pred)) return undefined;
  const seen = new Set<bigint | string>();
  for (const v of out) {
    if (pk.dataType === 'VarChar') {
      if (typeof v === 'string') seen.add(v);
    } else if (typeof v === 'bigint') seen.add(v);
    else if (typeof v === 'number' && Number.isInteger(v)) seen.add(BigInt(v));
  }
  return [...seen];
}
