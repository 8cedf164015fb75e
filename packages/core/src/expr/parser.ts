import type { ArithOp, CompareOp, Expr, FieldExpr, FunctionName, ListExpr, LiteralExpr } from './ast.js';
import { FUNCTION_ARITY, childrenOf } from './ast.js';
import { MAX_EXPR_DEPTH, exprError, quote } from './error.js';
import type { Keyword, Token } from './lexer.js';
import { intern, tokenize } from './lexer.js';

/** Values a template placeholder `{name}` may be given (REST `exprParams` / `filterParams`). */
export type TemplateParams = Readonly<Record<string, unknown>>;

const COMPARE_OPS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=']);
const ARITH_OR_MATCH: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '**', '=~', '!~']);
const FLIP: Readonly<Record<string, '<' | '<='>> = { '>': '<', '>=': '<=' };

/**
 * Parses a filter into its syntax tree, filling template placeholders from `params`. Throws
 * QuiverError(InvalidExpression) with "… at column N" for every problem, including an empty
 * filter and nesting deeper than {@link MAX_EXPR_DEPTH}.
 */
export function parseExpression(expr: string, params?: TemplateParams): Expr {
  if (typeof expr !== 'string') throw exprError('the filter must be a string', 1);
  const p = new Parser(expr, tokenize(expr), params);
  if (p.peek().type === 'eof') throw exprError('empty filter expression', 1);
  const tree = p.parseOr();
  const rest = p.peek();
  if (rest.type !== 'eof') throw exprError(`unexpected ${describe(rest)} after a complete expression`, rest.column);
  checkDepth(tree);
  return tree;
}

/** Refuses trees deeper than MAX_EXPR_DEPTH (long operator chains nest even without parentheses). */
function checkDepth(root: Expr): void {
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop()!;
    if (d > MAX_EXPR_DEPTH) throw exprError(`expression nested too deeply (more than ${MAX_EXPR_DEPTH} levels)`, e.column);
    const children = childrenOf(e);
    // Pushed right to left, so the walk meets nodes in source order and reports the first one.
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], d + 1]);
  }
}

function describe(t: Token): string {
  return t.type === 'eof' ? 'end of input' : quote(t.text);
}

/** Functions of Milvus's grammar that need text analyzers, which Quiver's schemas cannot enable. */
const ANALYZER_FUNCTIONS: ReadonlySet<string> = new Set(['text_match', 'phrase_match']);

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
    private readonly params: TemplateParams | undefined,
  ) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
  }
  private next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.pos++;
    return t;
  }
  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'punct' && t.text === text;
  }
  private isKeyword(k: Keyword, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'keyword' && t.keyword === k;
  }
  private expectPunct(text: string, what: string): Token {
    const t = this.peek();
    if (!this.isPunct(text)) throw exprError(`expected ${quote(text)} ${what} but found ${describe(t)}`, t.column);
    return this.next();
  }
  /** Guards the recursion of the descent itself (parentheses, prefix operators, lists). */
  private enter(column: number): void {
    if (++this.depth > MAX_EXPR_DEPTH) throw exprError(`expression nested too deeply (more than ${MAX_EXPR_DEPTH} levels)`, column);
  }
  private leave(): void {
    this.depth--;
  }

  parseOr(): Expr {
    return this.logical('or', '||', () => this.parseAnd());
  }
  private parseAnd(): Expr {
    return this.logical('and', '&&', () => this.parseNot());
  }
  private logical(kind: 'and' | 'or', symbol: string, operand: () => Expr): Expr {
    const first = operand();
    let column = 0;
    const items = [first];
    while (this.isKeyword(kind) || this.isPunct(symbol)) {
      const op = this.next();
      if (column === 0) column = op.column;
      items.push(operand());
    }
    return items.length === 1 ? first : { kind, column, items };
  }

  /**
   * `not` and `exists` are prefix operators that bind tighter than comparisons, `in` and `like`,
   * as in Milvus's grammar (Plan.g4 lists its Unary and Exists alternatives before them):
   * `not a > 1` is `(not a) > 1`, which Milvus refuses, so it is refused here too, with the
   * parenthesized form to write instead.
   */
  private parseNot(): Expr {
    if (this.isKeyword('not') || this.isPunct('!')) {
      const op = this.next();
      this.enter(op.column);
      const start = this.pos;
      const operand = this.isKeyword('not') || this.isPunct('!') || this.atExists() ? this.parseNot() : this.parseUnary();
      this.leave();
      this.refuseTrailing(op, start);
      return { kind: 'not', column: op.column, operand };
    }
    if (this.atExists()) {
      const op = this.next();
      const start = this.pos;
      const operand = this.parsePostfix();
      this.refuseTrailing(op, start);
      return { kind: 'exists', column: op.column, operand };
    }
    return this.parsePredicate();
  }

  /** `exists` is a keyword only before a name or "(", so a field or dynamic key may still be called exists. */
  private atExists(): boolean {
    const t = this.peek();
    if (t.type !== 'ident' || t.text.toLowerCase() !== 'exists') return false;
    const n = this.peek(1);
    return n.type === 'ident' || (n.type === 'punct' && n.text === '(');
  }

  /** Throws when a binary operator follows the operand of `not` / `exists` (see parseNot). */
  private refuseTrailing(op: Token, start: number): void {
    const t = this.peek();
    let follower: string | undefined;
    if (t.type === 'punct' && (COMPARE_OPS.has(t.text) || ARITH_OR_MATCH.has(t.text))) follower = t.text;
    else if (this.isKeyword('in') || this.isKeyword('like') || this.isKeyword('is')) follower = (t as { keyword: string }).keyword;
    else if (this.isKeyword('not') && (this.isKeyword('in', 1) || this.isKeyword('like', 1))) follower = `not ${(this.peek(1) as { keyword: string }).keyword}`;
    if (follower === undefined) return;
    const from = this.tokens[start]!.column - 1;
    const operand = this.src.slice(from, t.column - 1).trim();
    if (op.type === 'punct' || (op.type === 'keyword' && op.keyword === 'not')) {
      // The condition the user most likely meant: the operand and what follows, up to and/or/")".
      let whole = `${operand} ${follower} …`;
      const save = this.pos;
      try {
        this.pos = start;
        this.parsePredicate();
        whole = this.src.slice(from, this.peek().column - 1).trim();
      } catch {
        // keep the elided form
      } finally {
        this.pos = save;
      }
      throw exprError(
        `${op.text} binds tighter than ${quote(follower)} (as in Milvus), so this would negate ${quote(operand)} alone; write ${op.text}${op.text === '!' ? '' : ' '}(${whole}) to negate the condition`,
        op.column,
      );
    }
    throw exprError(`exists is a condition on its own and cannot be followed by ${quote(follower)}; write exists ${operand} and compare separately`, op.column);
  }

  private parsePredicate(): Expr {
    const left = this.parseSum();
    const t = this.peek();
    if (t.type === 'punct' && COMPARE_OPS.has(t.text)) return this.parseComparison(left);
    if (t.type === 'punct' && (t.text === '=~' || t.text === '!~')) {
      throw exprError(
        `${quote(t.text)} (regular-expression match) is not supported: Milvus added =~ and !~ in 3.0 and Quiver follows Milvus 2.x; use like with % and _ wildcards`,
        t.column,
      );
    }
    const negated = this.isKeyword('not') && (this.isKeyword('in', 1) || this.isKeyword('like', 1));
    if (negated) this.next();
    if (this.isKeyword('in')) {
      const column = this.next().column;
      return { kind: 'in', column, operand: left, list: this.parseListOrParam('in'), negated };
    }
    if (this.isKeyword('like')) {
      const column = this.next().column;
      const p = this.peek();
      const value = p.type === 'string' ? p.value : p.type === 'param' ? this.paramValue(p.name, p.column) : undefined;
      if (typeof value !== 'string') throw exprError(`like needs a string pattern but found ${describe(p)}`, p.column);
      this.next();
      return { kind: 'like', column, operand: left, pattern: value, patternColumn: p.column, negated };
    }
    if (this.isKeyword('is')) {
      const column = this.next().column;
      const not = this.isKeyword('not');
      if (not) this.next();
      const n = this.peek();
      if (!this.isKeyword('null')) throw exprError(`expected NULL after IS${not ? ' NOT' : ''} but found ${describe(n)}`, n.column);
      this.next();
      return { kind: 'isnull', column, operand: left, negated: not };
    }
    return left;
  }

  private parseComparison(left: Expr): Expr {
    const opTok = this.next();
    const op = opTok.text as CompareOp;
    const middle = this.parseSum();
    const t2 = this.peek();
    if (!(t2.type === 'punct' && COMPARE_OPS.has(t2.text))) return { kind: 'compare', column: opTok.column, op, left, right: middle };
    this.next();
    const op2 = t2.text as CompareOp;
    const right = this.parseSum();
    const after = this.peek();
    if (after.type === 'punct' && COMPARE_OPS.has(after.text)) throw exprError('a chained range takes at most two comparisons', after.column);
    const ascending = (op === '<' || op === '<=') && (op2 === '<' || op2 === '<=');
    const descending = (op === '>' || op === '>=') && (op2 === '>' || op2 === '>=');
    if (ascending) return { kind: 'range', column: opTok.column, lower: left, lowerOp: op, operand: middle, upperOp: op2, upper: right };
    if (descending) return { kind: 'range', column: opTok.column, lower: right, lowerOp: FLIP[op2], operand: middle, upperOp: FLIP[op], upper: left };
    throw exprError(`cannot chain ${quote(op)} with ${quote(op2)}: a range needs two of < <= or two of > >=`, t2.column);
  }

  private parseSum(): Expr {
    let left = this.parseProduct();
    while (this.isPunct('+') || this.isPunct('-')) {
      const t = this.next();
      left = { kind: 'arith', column: t.column, op: t.text as ArithOp, left, right: this.parseProduct() };
    }
    return left;
  }
  private parseProduct(): Expr {
    let left = this.parseUnary();
    while (this.isPunct('*') || this.isPunct('/') || this.isPunct('%')) {
      const t = this.next();
      left = { kind: 'arith', column: t.column, op: t.text as ArithOp, left, right: this.parseUnary() };
    }
    return left;
  }
  private parseUnary(): Expr {
    if (!this.isPunct('-') && !this.isPunct('+')) return this.parsePower();
    const t = this.next();
    this.enter(t.column);
    const operand = this.parseUnary();
    this.leave();
    if (operand.kind === 'literal') {
      if (typeof operand.value === 'bigint' || typeof operand.value === 'number') {
        return { kind: 'literal', column: t.column, value: t.text === '-' ? -operand.value : operand.value };
      }
      throw exprError(`cannot apply ${quote(t.text)} to a ${typeof operand.value === 'string' ? 'string' : 'boolean'}`, t.column);
    }
    return t.text === '-' ? { kind: 'neg', column: t.column, operand } : operand;
  }
  private parsePower(): Expr {
    const base = this.parsePostfix();
    if (!this.isPunct('**')) return base;
    const t = this.next();
    this.enter(t.column);
    const exponent = this.parseUnary(); // right-associative: 2 ** 3 ** 2 == 2 ** 9
    this.leave();
    return { kind: 'arith', column: t.column, op: '**', left: base, right: exponent };
  }

  private parsePostfix(): Expr {
    const primary = this.parsePrimary();
    if (!this.isPunct('[')) return primary;
    if (primary.kind !== 'field') throw exprError('only a field can be indexed with [...]', this.peek().column);
    const path: (string | number)[] = [];
    const pathColumns: number[] = [];
    while (this.isPunct('[')) {
      const open = this.next();
      const k = this.peek();
      let key: unknown = k.type === 'string' || k.type === 'int' ? k.value : k.type === 'param' ? this.paramValue(k.name, k.column) : undefined;
      if (typeof key === 'number' && Number.isInteger(key)) key = BigInt(key);
      if (typeof key === 'bigint') {
        if (key < 0n || key > 0x7fffffffn) throw exprError(`array index ${key} is out of range`, k.column);
        key = Number(key);
      }
      if (typeof key !== 'string' && typeof key !== 'number') throw exprError(`expected a string key or an integer index but found ${describe(k)}`, k.column);
      this.next();
      this.expectPunct(']', 'to close the index');
      path.push(key);
      pathColumns.push(open.column);
    }
    return { kind: 'field', column: primary.column, name: primary.name, path, pathColumns };
  }

  private parsePrimary(): Expr {
    const t = this.peek();
    switch (t.type) {
      case 'int':
      case 'float':
      case 'string':
        this.next();
        return { kind: 'literal', column: t.column, value: t.value };
      case 'param':
        this.next();
        return this.paramNode(t.name, t.column);
      case 'keyword':
        if (t.keyword === 'true' || t.keyword === 'false') {
          this.next();
          return { kind: 'literal', column: t.column, value: t.keyword === 'true' };
        }
        if (t.keyword === 'null') throw exprError('null can only be used in IS NULL / IS NOT NULL', t.column);
        throw exprError(`expected a value but found the keyword ${describe(t)}`, t.column);
      case 'ident':
        this.next();
        if (this.isPunct('(')) return this.parseCall(t.text, t.column);
        return { kind: 'field', column: t.column, name: t.text, path: [], pathColumns: [] } satisfies FieldExpr;
      case 'punct':
        if (t.text === '(') {
          this.next();
          this.enter(t.column);
          const inner = this.parseOr();
          this.leave();
          this.expectPunct(')', `to close the "(" at column ${t.column}`);
          return inner;
        }
        if (t.text === '[') return this.parseList();
        break;
      case 'eof':
        throw exprError('unexpected end of input: expected a value', t.column);
    }
    throw exprError(`expected a value but found ${describe(t)}`, t.column);
  }

  private parseCall(rawName: string, column: number): Expr {
    const name = rawName.toLowerCase();
    if (ANALYZER_FUNCTIONS.has(name)) {
      throw exprError(
        `${name} is not supported: Milvus runs it on a VarChar field created with enable_analyzer and enable_match, and Quiver has no text analyzers, so no field can enable match (like "%word%" matches substrings)`,
        column,
      );
    }
    if (!Object.prototype.hasOwnProperty.call(FUNCTION_ARITY, name)) throw exprError(`unknown function ${quote(rawName)}`, column);
    const open = this.next();
    this.enter(open.column);
    const args: Expr[] = [];
    if (!this.isPunct(')')) {
      args.push(this.parseOr());
      while (this.isPunct(',')) {
        this.next();
        args.push(this.parseOr());
      }
    }
    this.expectPunct(')', `to close the arguments of ${name}`);
    this.leave();
    const arity = FUNCTION_ARITY[name as FunctionName];
    if (args.length !== arity) {
      throw exprError(`${name} takes ${arity} argument${arity === 1 ? '' : 's'} but was given ${args.length}`, column);
    }
    return { kind: 'call', column, name: name as FunctionName, args };
  }

  private parseListOrParam(after: string): ListExpr {
    const t = this.peek();
    if (t.type === 'param') {
      this.next();
      const node = this.paramNode(t.name, t.column);
      if (node.kind !== 'list') throw exprError(`${after} needs a list, but template param {${t.name}} is not one`, t.column);
      return node;
    }
    if (!this.isPunct('[')) throw exprError(`expected a list [...] after ${after} but found ${describe(t)}`, t.column);
    return this.parseList();
  }

  private parseList(): ListExpr {
    const open = this.next();
    this.enter(open.column);
    const items: (LiteralExpr | ListExpr)[] = [];
    while (!this.isPunct(']')) {
      const t = this.peek();
      if (this.isPunct('[')) items.push(this.parseList());
      else if (t.type === 'param') {
        this.next();
        items.push(this.paramNode(t.name, t.column));
      } else {
        const item = this.parseUnary();
        if (item.kind !== 'literal') throw exprError('a list may only hold literals', item.column);
        items.push(item);
      }
      if (this.isPunct(',')) this.next();
      else if (!this.isPunct(']')) throw exprError(`expected "," or "]" in the list but found ${describe(this.peek())}`, this.peek().column);
    }
    this.next();
    this.leave();
    return { kind: 'list', column: open.column, items };
  }

  private paramValue(name: string, column: number): unknown {
    if (this.params === undefined || !Object.prototype.hasOwnProperty.call(this.params, name)) {
      throw exprError(`missing template param {${name}}`, column);
    }
    return this.params[name];
  }

  private paramNode(name: string, column: number): LiteralExpr | ListExpr {
    return toNode(this.paramValue(name, column), name, column, 0);
  }
}

/** Turns a template param's value into a literal or list node. */
function toNode(v: unknown, name: string, column: number, depth: number): LiteralExpr | ListExpr {
  if (depth > MAX_EXPR_DEPTH) throw exprError(`template param {${name}} is nested too deeply`, column);
  if (typeof v === 'string') return { kind: 'literal', column, value: intern(v) };
  if (typeof v === 'bigint' || typeof v === 'boolean') return { kind: 'literal', column, value: v };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw exprError(`template param {${name}} is not a finite number`, column);
    return { kind: 'literal', column, value: Number.isInteger(v) ? BigInt(v) : v };
  }
  if (Array.isArray(v)) return { kind: 'list', column, items: v.map((x) => toNode(x, name, column, depth + 1)) };
  const what = v === null ? 'null' : typeof v;
  throw exprError(`template param {${name}} has a value of an unsupported kind (${what})`, column);
}
