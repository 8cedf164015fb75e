/**
 * The syntax tree of a Milvus boolean filter expression, as the parser builds it: names are not
 * resolved yet and nothing is type-checked. Every node carries the 1-based column (in UTF-16 code
 * units) where it starts in the source text, or for operators, where the operator is.
 */

/** A comparison operator. */
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** An arithmetic operator. */
export type ArithOp = '+' | '-' | '*' | '/' | '%' | '**';

/** The functions the grammar knows, by lower-case name. */
export type FunctionName =
  | 'json_contains'
  | 'json_contains_all'
  | 'json_contains_any'
  | 'array_contains'
  | 'array_contains_all'
  | 'array_contains_any'
  | 'array_length';

/** A scalar literal: integers are bigint (exact at any size), other numbers are doubles. */
export interface LiteralExpr {
  readonly kind: 'literal';
  readonly column: number;
  readonly value: bigint | number | string | boolean;
}

/** `[a, b, …]`: after `in`, and as a function argument. Items are literals or lists. */
export interface ListExpr {
  readonly kind: 'list';
  readonly column: number;
  readonly items: readonly (LiteralExpr | ListExpr)[];
}

/**
 * A name with an optional access path: `age`, `meta["a"]["b"]`, `tags[0]`, `$meta["color"]`.
 * Whether the name is a schema field or a dynamic key is decided by the type checker.
 */
export interface FieldExpr {
  readonly kind: 'field';
  readonly column: number;
  readonly name: string;
  readonly path: readonly (string | number)[];
  /** Column of each path step's `[`, for error messages. */
  readonly pathColumns: readonly number[];
}

/** Unary minus on a non-literal (minus on a literal is folded by the parser). */
export interface NegExpr {
  readonly kind: 'neg';
  readonly column: number;
  readonly operand: Expr;
}

/** `left op right` with an arithmetic operator. */
export interface ArithExpr {
  readonly kind: 'arith';
  readonly column: number;
  readonly op: ArithOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** `left op right` with a comparison operator. */
export interface CompareExpr {
  readonly kind: 'compare';
  readonly column: number;
  readonly op: CompareOp;
  readonly left: Expr;
  readonly right: Expr;
}

/**
 * A chained range `lower lowerOp operand upperOp upper`, normalized to ascending order: both
 * `1 < a <= 5` and `5 >= a > 1` become lower 1 `<`, upper 5 `<=`.
 */
export interface RangeExpr {
  readonly kind: 'range';
  readonly column: number;
  readonly lower: Expr;
  readonly lowerOp: '<' | '<=';
  readonly operand: Expr;
  readonly upperOp: '<' | '<=';
  readonly upper: Expr;
}

/** `operand in [...]` / `operand not in [...]`. */
export interface InExpr {
  readonly kind: 'in';
  readonly column: number;
  readonly operand: Expr;
  readonly list: ListExpr;
  readonly negated: boolean;
}

/** `operand like "pattern"` / `operand not like "pattern"`. */
export interface LikeExpr {
  readonly kind: 'like';
  readonly column: number;
  readonly operand: Expr;
  readonly pattern: string;
  /** Column of the pattern literal. */
  readonly patternColumn: number;
  readonly negated: boolean;
}

/** `operand is null` / `operand is not null`. */
export interface IsNullExpr {
  readonly kind: 'isnull';
  readonly column: number;
  readonly operand: Expr;
  readonly negated: boolean;
}

/** A call of one of the known functions, name lower-cased, arity already checked. */
export interface CallExpr {
  readonly kind: 'call';
  readonly column: number;
  readonly name: FunctionName;
  readonly args: readonly Expr[];
}

/** `a and b and …` / `a or b or …`, flattened (so long chains stay shallow). */
export interface LogicalExpr {
  readonly kind: 'and' | 'or';
  readonly column: number;
  readonly items: readonly Expr[];
}

/**
 * `exists operand`: whether a JSON key is present with a non-null value (`exists meta["k"]`,
 * `exists color` for a dynamic key). The checker allows only JSON paths.
 */
export interface ExistsExpr {
  readonly kind: 'exists';
  readonly column: number;
  readonly operand: Expr;
}

/** `not operand` / `!operand`. */
export interface NotExpr {
  readonly kind: 'not';
  readonly column: number;
  readonly operand: Expr;
}

/** Any node of the syntax tree. */
export type Expr =
  | LiteralExpr
  | ListExpr
  | FieldExpr
  | NegExpr
  | ArithExpr
  | CompareExpr
  | RangeExpr
  | InExpr
  | LikeExpr
  | IsNullExpr
  | CallExpr
  | LogicalExpr
  | ExistsExpr
  | NotExpr;

/** The known functions and their argument counts. */
export const FUNCTION_ARITY: Readonly<Record<FunctionName, number>> = {
  json_contains: 2,
  json_contains_all: 2,
  json_contains_any: 2,
  array_contains: 2,
  array_contains_all: 2,
  array_contains_any: 2,
  array_length: 1,
};

/** The children of a node, in source order (lists' items included). */
export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'literal':
    case 'field':
      return [];
    case 'list':
      return e.items;
    case 'neg':
    case 'not':
    case 'exists':
    case 'isnull':
    case 'like':
      return [e.operand];
    case 'arith':
    case 'compare':
      return [e.left, e.right];
    case 'range':
      return [e.lower, e.operand, e.upper];
    case 'in':
      return [e.operand, e.list];
    case 'call':
      return e.args;
    case 'and':
    case 'or':
      return e.items;
  }
}
