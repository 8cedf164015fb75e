import { ErrorCode, QuiverError } from '../errors.js';

/** Most nesting a filter may have (parentheses, `not`, operator chains): deeper input is refused. */
export const MAX_EXPR_DEPTH = 200;

/** A QuiverError(InvalidExpression) whose message ends with "at column N" (1-based). */
export function exprError(message: string, column: number): QuiverError {
  return new QuiverError(ErrorCode.InvalidExpression, `${message} at column ${column}`);
}

/** Quotes a piece of source text or a name for an error message. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
