import { exprError, quote } from './error.js';

/** The keywords of the grammar (matched case-insensitively). */
export type Keyword = 'and' | 'or' | 'not' | 'in' | 'like' | 'is' | 'null' | 'true' | 'false';

const KEYWORDS: ReadonlySet<string> = new Set<Keyword>(['and', 'or', 'not', 'in', 'like', 'is', 'null', 'true', 'false']);

/** One token. `column` is 1-based, in UTF-16 code units. */
export type Token =
  | { readonly type: 'ident'; readonly column: number; readonly text: string }
  | { readonly type: 'keyword'; readonly column: number; readonly text: string; readonly keyword: Keyword }
  | { readonly type: 'int'; readonly column: number; readonly text: string; readonly value: bigint }
  | { readonly type: 'float'; readonly column: number; readonly text: string; readonly value: number }
  | { readonly type: 'string'; readonly column: number; readonly text: string; readonly value: string }
  | { readonly type: 'param'; readonly column: number; readonly text: string; readonly name: string }
  | { readonly type: 'punct'; readonly column: number; readonly text: string }
  | { readonly type: 'eof'; readonly column: number; readonly text: string };

// Longest first, so `**` wins over `*`, `<=` over `<`, `!=` over `!`. `=~` and `!~` are Milvus
// 3.0's regular-expression match: lexed so that the parser can refuse them by name.
const PUNCTUATION = ['**', '==', '!=', '=~', '!~', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '!', '(', ')', '[', ']', ','];

// Option names of Milvus's text_match / match_* functions, the only places its grammar has a
// lone `=` (`minimum_should_match=2`). After them `=` is a token, so that the parser can say what
// is unsupported instead of "= is not an operator".
const ASSIGNABLE: ReadonlySet<string> = new Set(['minimum_should_match', 'threshold']);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isIdentStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isIdentPart = (c: string): boolean => isIdentStart(c) || isDigit(c);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

/** Splits a filter into tokens, ending with one `eof` token. Throws QuiverError with a column. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    const column = i + 1;
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      const t = readNumber(src, i);
      out.push(t);
      i += t.text.length;
    } else if (isIdentStart(c) || (c === '$' && isIdentStart(src[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < src.length && isIdentPart(src[j])) j++;
      const text = src.slice(i, j);
      const lower = text.toLowerCase();
      if (KEYWORDS.has(lower)) out.push({ type: 'keyword', column, text, keyword: lower as Keyword });
      else out.push({ type: 'ident', column, text });
      i = j;
    } else if (c === '"' || c === "'") {
      const { value, end } = readString(src, i);
      out.push({ type: 'string', column, text: src.slice(i, end), value });
      i = end;
    } else if (c === '{') {
      const m = /^\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/.exec(src.slice(i, i + 300));
      if (!m) throw exprError('a template placeholder must be a name in braces, like {ids},', column);
      out.push({ type: 'param', column, text: m[0], name: m[1] });
      i += m[0].length;
    } else {
      const p = PUNCTUATION.find((op) => src.startsWith(op, i));
      const prev = out[out.length - 1];
      if (p === undefined && c === '=' && prev?.type === 'ident' && ASSIGNABLE.has(prev.text.toLowerCase())) {
        out.push({ type: 'punct', column, text: '=' });
        i++;
        continue;
      }
      if (p === undefined) {
        if (c === '=') throw exprError('"=" is not an operator (use == to compare)', column);
        if (c === '&' || c === '|') throw exprError(`${quote(c)} is not an operator (use ${c}${c})`, column);
        throw exprError(`unexpected character ${quote(String.fromCodePoint(src.codePointAt(i) ?? 0))}`, column);
      }
      out.push({ type: 'punct', column, text: p });
      i += p.length;
    }
  }
  out.push({ type: 'eof', column: src.length + 1, text: '' });
  return out;
}

function readNumber(src: string, start: number): Token {
  const column = start + 1;
  const rest = src.slice(start, start + 400);
  const radix = /^0([xXoObB])([0-9A-Za-z_]*)/.exec(rest);
  let text: string;
  if (radix) {
    text = radix[0];
    const base = { x: 16, o: 8, b: 2 }[radix[1].toLowerCase() as 'x' | 'o' | 'b'];
    const digits = radix[2];
    const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : /^[01]+$/;
    if (!valid.test(digits)) throw exprError(`malformed number ${quote(text)}`, column);
    return { type: 'int', column, text, value: BigInt(`0${radix[1].toLowerCase()}${digits}`) };
  }
  const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
  text = m ? m[0] : rest[0];
  // A number glued to letters (`12abc`, `1e`, `1.2.3`) is a typo, not two tokens.
  const next = src[start + text.length] ?? '';
  if (isIdentPart(next) || next === '.' || next === '$') {
    const bad = /^[0-9A-Za-z_.$]*/.exec(rest)?.[0] ?? text;
    throw exprError(`malformed number ${quote(bad)}`, column);
  }
  if (/^\d+$/.test(text)) {
    // Milvus reads a leading 0 as octal, like C: 017 == 15.
    if (text.length > 1 && text[0] === '0') {
      if (!/^[0-7]+$/.test(text)) throw exprError(`malformed octal number ${quote(text)}`, column);
      return { type: 'int', column, text, value: BigInt(`0o${text.slice(1)}`) };
    }
    return { type: 'int', column, text, value: BigInt(text) };
  }
  return { type: 'float', column, text, value: Number(text) };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', '"': '"', "'": "'", '/': '/', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0',
};

/**
 * A flat, internalized copy of a short string. Literals built by concatenation compare about
 * twice as slowly against column values in the `==` / `in` kernels; using the string as an
 * object key makes V8 (and other engines) hand back the canonical copy.
 */
export function intern(s: string): string {
  return s.length > 256 ? s : (Object.keys({ [s]: 0 })[0] ?? s);
}

function readString(src: string, start: number): { value: string; end: number } {
  const q = src[start];
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i];
    if (c === q) return { value: intern(out), end: i + 1 };
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = src[i + 1];
    if (e === undefined) break;
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e === '%' || e === '_') {
      // Kept as written: LIKE reads `\%` and `\_` as a literal percent sign and underscore.
      out += `\\${e}`;
      i += 2;
    } else if (e === 'u') {
      const m = /^u(?:([0-9a-fA-F]{4})|\{([0-9a-fA-F]{1,6})\})/.exec(src.slice(i + 1, i + 12));
      const cp = m ? parseInt(m[1] ?? m[2], 16) : -1;
      if (!m || cp > 0x10ffff) throw exprError('malformed \\u escape in string', i + 1);
      out += String.fromCodePoint(cp);
      i += 1 + m[0].length;
    } else {
      throw exprError(`unknown escape ${quote(`\\${e}`)} in string`, i + 1);
    }
  }
  throw exprError('unclosed string', start + 1);
}
