import type { Scalar, TPred, TVal } from '../ir.js';
import type { MaskFn } from './context.js';
import { constMask } from './context.js';
import { compileLeaf } from './leaves.js';

/**
 * Compiles a condition into a mask of the rows where it is TRUE (`want`) or FALSE (`!want`).
 * Kleene logic lets NOT move to the leaves: NOT p is TRUE where p is FALSE, AND wanting FALSE is
 * an OR of the children wanting FALSE, and so on. So each node computes one mask, and UNKNOWN
 * (null, missing key) never turns into TRUE under a NOT.
 */
export function compilePred(p: TPred, want: boolean): MaskFn {
  switch (p.k) {
    case 'const':
      return constMask(p.value === want ? 1 : 0);
    case 'not':
      return compilePred(p.item, !want);
    case 'and':
    case 'or': {
      const intersect = (p.k === 'and') === want;
      // Cheap children first: later ones only look at rows still undecided.
      const items = mergeMemberships(p.k, p.items).sort((a, b) => cost(a) - cost(b));
      if (items.length === 1) return compilePred(items[0], want);
      const fns = items.map((x) => compilePred(x, want));
      const costs = items.map(cost);
      return intersect ? allOf(fns) : anyOf(fns, costs);
    }
    default:
      return compileLeaf(p, want);
  }
}

/**
 * Folds OR-ed `x == c` / `x in [...]` on one column or JSON path into a single `in`, and AND-ed
 * `x != c` / `x not in [...]` into a single `not in` (the same Kleene logic by definition and De
 * Morgan), so `id == 1 or id == 2 or …` costs one pass, not one per term.
 */
function mergeMemberships(kind: 'and' | 'or', items: readonly TPred[]): TPred[] {
  const groups = new Map<string, { operand: TVal; values: Scalar[]; at: number }>();
  const out: TPred[] = [];
  for (const item of items) {
    const m = kind === 'or' ? membershipOf(item, '==') : item.k === 'not' ? membershipOf(item.item, '==') : membershipOf(item, '!=');
    const key = m === undefined ? undefined : keyOf(m.operand);
    if (m === undefined || key === undefined) {
      out.push(item);
      continue;
    }
    const g = groups.get(key);
    if (g === undefined) {
      groups.set(key, { operand: m.operand, values: [...m.values], at: out.length });
      out.push(item);
    } else for (const v of m.values) g.values.push(v);
  }
  for (const g of groups.values()) {
    const merged: TPred = { k: 'in', operand: g.operand, values: g.values };
    out[g.at] = kind === 'or' ? merged : { k: 'not', item: merged };
  }
  return out;
}

/** `p` as "operand is one of values" (op `==`, or `in`) or "is none of" (op `!=` only). */
function membershipOf(p: TPred, op: '==' | '!='): { operand: TVal; values: readonly Scalar[] } | undefined {
  if (p.k === 'in' && op === '==') return p;
  if (p.k !== 'cmp' || p.op !== op) return undefined;
  if (p.right.k === 'const' && p.left.k !== 'const') return { operand: p.left, values: [p.right.value] };
  if (p.left.k === 'const' && p.right.k !== 'const') return { operand: p.right, values: [p.left.value] };
  return undefined;
}

function keyOf(v: TVal): string | undefined {
  if (v.k === 'col') return `c:${v.name}`;
  if (v.k === 'json') return `j:${JSON.stringify([v.name, v.path])}`;
  return undefined;
}

/** Rows set in every child's mask. Each child only evaluates rows still set. */
function allOf(fns: MaskFn[]): MaskFn {
  return (ctx, sel) => {
    const n = ctx.n;
    const res = fns[0](ctx, sel);
    if (sel !== null) for (let i = 0; i < n; i++) res[i] &= sel[i];
    for (let k = 1; k < fns.length; k++) {
      const m = fns[k](ctx, res);
      let any = 0;
      for (let i = 0; i < n; i++) any |= res[i] &= m[i];
      if (any === 0) break;
    }
    return res;
  };
}

/** Rows set in some child's mask. Expensive children skip rows already set. */
function anyOf(fns: MaskFn[], costs: number[]): MaskFn {
  return (ctx, sel) => {
    const n = ctx.n;
    const res = fns[0](ctx, sel);
    for (let k = 1; k < fns.length; k++) {
      let s = sel;
      if (costs[k] >= 3) {
        const open = new Uint8Array(n);
        for (let i = 0; i < n; i++) open[i] = (sel === null ? 1 : sel[i]) & (res[i] ^ 1);
        s = open;
      }
      const m = fns[k](ctx, s);
      for (let i = 0; i < n; i++) res[i] |= m[i];
    }
    return res;
  };
}

/** A rough per-row cost, to order children: typed-column loops first, JSON and LIKE last. */
function cost(p: TPred): number {
  switch (p.k) {
    case 'const':
      return 0;
    case 'not':
      return cost(p.item);
    case 'and':
    case 'or':
      return p.items.reduce((s, x) => s + cost(x), 0);
    case 'cmp':
      return valueCost(p.left) + valueCost(p.right);
    case 'range':
      return valueCost(p.low) + valueCost(p.mid) + valueCost(p.high);
    case 'in':
    case 'isnull':
    case 'truthy':
      return valueCost(p.operand) + 1;
    case 'like':
      return valueCost(p.operand) + 4;
    case 'contains':
    case 'listeq':
      return valueCost(p.operand) + 6;
  }
}

function valueCost(v: TVal): number {
  switch (v.k) {
    case 'const':
      return 0;
    case 'col':
      return v.t === 'string' || v.t === 'array' ? 2 : 1;
    case 'json':
    case 'elem':
      return 5;
    case 'len':
      return valueCost(v.operand) + 1;
    case 'neg':
      return valueCost(v.operand) + 4;
    case 'arith':
      return valueCost(v.left) + valueCost(v.right) + 4;
  }
}
