// Milvus boolean filter expressions: parser, type checker and compiled evaluator.
export type {
  ArithExpr,
  ArithOp,
  CallExpr,
  CompareExpr,
  CompareOp,
  Expr,
  FieldExpr,
  FunctionName,
  InExpr,
  IsNullExpr,
  LikeExpr,
  ListExpr,
  LiteralExpr,
  LogicalExpr,
  NegExpr,
  NotExpr,
  RangeExpr,
} from './ast.js';
export { MAX_EXPR_DEPTH } from './error.js';
export type { CompiledFilter } from './filter.js';
export { compileFilter } from './filter.js';
export type { TemplateParams } from './parser.js';
export { parseExpression } from './parser.js';
export { printExpression } from './printer.js';
export type { Row } from './reference.js';
export { referenceFilter, rowsOfChunk } from './reference.js';
