import { isBoundary } from './scalar.js';

/**
 * LIKE patterns as Milvus reads them: `%` matches any run of characters (also none), `_` exactly
 * one character (a Unicode code point), and a backslash makes the next character literal (`\%`,
 * `\_`, `\\`). Common shapes get a fast path (equality, prefix, suffix, infix); the rest uses a
 * segment matcher that runs in O(text × pattern) with no regular expression and no backtracking
 * blow-up.
 */

type Item = string | typeof ANY_ONE; // a literal run, or `_`
const ANY_ONE = 0;

/** A compiled LIKE pattern: true when the whole string matches. */
export type LikeMatcher = (s: string) => boolean;

/** Parses `pattern` into `%`-separated parts of literal runs and `_` items. */
function parse(pattern: string): Item[][] {
  const parts: Item[][] = [[]];
  let lit = '';
  const flush = (): void => {
    if (lit) parts[parts.length - 1].push(lit);
    lit = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const cp = pattern.codePointAt(i + 1)!;
      lit += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
    } else if (c === '%') {
      flush();
      parts.push([]);
    } else if (c === '_') {
      flush();
      parts[parts.length - 1].push(ANY_ONE);
    } else lit += c;
  }
  flush();
  return parts;
}

/** Compiles a LIKE pattern into a matcher. */
export function compileLike(pattern: string): LikeMatcher {
  const parts = parse(pattern);
  const plain = parts.map((p) => (p.length === 0 ? '' : p.length === 1 && typeof p[0] === 'string' ? p[0] : null));
  if (parts.length === 1 && plain[0] !== null) {
    const eq = plain[0];
    return (s) => s === eq;
  }
  const inner = parts.slice(1, -1);
  if (inner.every((p) => p.length === 0) && plain[0] !== null && plain[parts.length - 1] !== null) {
    const head = plain[0];
    const tail = plain[parts.length - 1]!;
    if (head === '' && tail === '') return () => true;
    if (tail === '') return (s) => s.startsWith(head);
    if (head === '') return (s) => s.endsWith(tail);
    return (s) => s.length >= head.length + tail.length && s.startsWith(head) && s.endsWith(tail);
  }
  if (parts.length === 3 && plain[0] === '' && plain[2] === '' && plain[1] !== null) {
    const mid = plain[1];
    return (s) => s.includes(mid);
  }
  const first = parts[0];
  const last = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((p) => p.length > 0);
  if (parts.length === 1) return (s) => matchAt(s, 0, first) === s.length;
  return (s) => {
    let pos = matchAt(s, 0, first);
    if (pos < 0) return false;
    for (const part of middle) {
      pos = findFrom(s, pos, part);
      if (pos < 0) return false;
    }
    if (last.length === 0) return true;
    for (let p = pos; p <= s.length; p++) {
      if (isBoundary(s, p) && matchAt(s, p, last) === s.length) return true;
    }
    return false;
  };
}

/** Matches `part` at `pos`; returns the end position or -1. */
function matchAt(s: string, pos: number, part: readonly Item[]): number {
  let i = pos;
  for (const item of part) {
    if (item === ANY_ONE) {
      if (i >= s.length) return -1;
      const c = s.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
    } else {
      if (!s.startsWith(item, i)) return -1;
      i += item.length;
    }
  }
  return i;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Leftmost match of `part` at or after `from`; returns its end or -1. */
function findFrom(s: string, from: number, part: readonly Item[]): number {
  const lead = part[0];
  for (let p = from; p <= s.length; p++) {
    if (typeof lead === 'string') {
      p = s.indexOf(lead, p);
      if (p < 0) return -1;
    } else if (!isBoundary(s, p)) continue;
    const end = matchAt(s, p, part);
    if (end >= 0) return end;
  }
  return -1;
}
