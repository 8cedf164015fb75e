import type { ArrayElementType, DataType } from '../schema/types.js';
import type { ArithOp, CompareOp } from './ast.js';

/**
 * The type-checked form of a filter that the compiler consumes: names resolved against the
 * schema (dynamic keys become paths into `$meta`), every value carrying its static type, and
 * literals converted to the representation their comparison partner needs.
 */

/** Static type of a value. `json` is any JSON value, known only at run time. */
export type SType = 'bool' | 'int' | 'int64' | 'float' | 'string' | 'json' | 'array';

/** A scalar constant. Integer literals stay bigint so that Int64 comparisons are exact. */
export type Scalar = bigint | number | string | boolean;

/** A literal value: a scalar or a (possibly nested) list of them. */
export type LitValue = Scalar | readonly LitValue[];

/** A value-producing node. */
export type TVal =
  | { readonly k: 'const'; readonly t: SType; readonly value: Scalar }
  /** A whole scalar column (any type but JSON; Array columns only under functions and IS NULL). */
  | { readonly k: 'col'; readonly t: SType; readonly name: string; readonly dataType: DataType; readonly elementType?: ArrayElementType }
  /** A JSON column (or `$meta`) followed by a path; the path may be empty. */
  | { readonly k: 'json'; readonly t: 'json'; readonly name: string; readonly path: readonly (string | number)[] }
  /** One element of an Array column. */
  | { readonly k: 'elem'; readonly t: SType; readonly name: string; readonly index: number; readonly elementType: ArrayElementType }
  | { readonly k: 'arith'; readonly t: 'int' | 'int64' | 'float'; readonly op: ArithOp; readonly left: TVal; readonly right: TVal }
  | { readonly k: 'neg'; readonly t: 'int' | 'int64' | 'float'; readonly operand: TVal }
  /** array_length of an Array column or a JSON value. */
  | { readonly k: 'len'; readonly t: 'int'; readonly operand: TVal };

/** A condition node. Evaluates to TRUE, FALSE or UNKNOWN (Kleene logic); a row matches on TRUE. */
export type TPred =
  | { readonly k: 'const'; readonly value: boolean }
  | { readonly k: 'and' | 'or'; readonly items: readonly TPred[] }
  | { readonly k: 'not'; readonly item: TPred }
  | { readonly k: 'cmp'; readonly op: CompareOp; readonly left: TVal; readonly right: TVal }
  | { readonly k: 'range'; readonly lowOp: '<' | '<='; readonly low: TVal; readonly mid: TVal; readonly highOp: '<' | '<='; readonly high: TVal }
  /** Kleene OR of `operand == v` over the values. */
  | { readonly k: 'in'; readonly operand: TVal; readonly values: readonly Scalar[] }
  | { readonly k: 'like'; readonly operand: TVal; readonly pattern: string }
  /** Never UNKNOWN: TRUE when the value is null or absent. */
  | { readonly k: 'isnull'; readonly operand: TVal }
  /** json_contains / array_contains (one), _all, _any over an array value. */
  | { readonly k: 'contains'; readonly mode: 'one' | 'all' | 'any'; readonly operand: TVal; readonly values: readonly LitValue[] }
  /**
   * `operand == [values…]`: an Array field or JSON value equal to a list, element by element
   * (same length, each element equal by JS type). UNKNOWN when the value is null, missing or not
   * an array. `!=` is its negation.
   */
  | { readonly k: 'listeq'; readonly operand: TVal; readonly values: readonly LitValue[] }
  /** A Bool (or JSON) value used as a condition: `flag` means `flag == true`. */
  | { readonly k: 'truthy'; readonly operand: TVal };

/** Whether a static type is numeric. */
export function isNumeric(t: SType): boolean {
  return t === 'int' || t === 'int64' || t === 'float';
}
