import type { Expr, LiteralExpr } from './ast.js';

/**
 * Prints a syntax tree back to filter text that parses to the same tree (columns aside).
 * Compound nodes are fully parenthesized, so the output never depends on precedence.
 */
export function printExpression(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return literal(e);
    case 'list':
      return `[${e.items.map(printExpression).join(', ')}]`;
    case 'field':
      return e.name + e.path.map((k) => `[${typeof k === 'number' ? String(k) : JSON.stringify(k)}]`).join('');
    case 'neg':
      return `(-${printExpression(e.operand)})`;
    case 'arith':
    case 'compare':
      return `(${printExpression(e.left)} ${e.op} ${printExpression(e.right)})`;
    case 'range':
      return `(${printExpression(e.lower)} ${e.lowerOp} ${printExpression(e.operand)} ${e.upperOp} ${printExpression(e.upper)})`;
    case 'in':
      return `(${printExpression(e.operand)} ${e.negated ? 'not in' : 'in'} ${printExpression(e.list)})`;
    case 'like':
      return `(${printExpression(e.operand)} ${e.negated ? 'not like' : 'like'} ${JSON.stringify(e.pattern)})`;
    case 'isnull':
      return `(${printExpression(e.operand)} is ${e.negated ? 'not null' : 'null'})`;
    case 'call':
      return `${e.name}(${e.args.map(printExpression).join(', ')})`;
    case 'and':
    case 'or':
      return `(${e.items.map(printExpression).join(` ${e.kind} `)})`;
    case 'not':
      return `(not ${printExpression(e.operand)})`;
    case 'exists':
      return `(exists ${printExpression(e.operand)})`;
  }
}

function literal(e: LiteralExpr): string {
  const v = e.value;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let text: string;
  if (typeof v === 'bigint') text = v.toString();
  else if (v === Infinity || v === -Infinity) text = v > 0 ? '1e999' : '-1e999';
  else if (Object.is(v, -0)) text = '-0.0';
  else {
    text = String(v);
    if (/^-?\d+$/.test(text)) text += '.0'; // keep it a float literal
  }
  return text.startsWith('-') ? `(${text})` : text;
}
