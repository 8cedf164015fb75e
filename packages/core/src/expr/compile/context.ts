import { ErrorCode, QuiverError } from '../../errors.js';
import type { Chunk, Column } from '../../segment/column.js';
import { hasOwn } from '../../util/own.js';

/** What a compiled node sees while evaluating one chunk. */
export interface Ctx {
  readonly chunk: Chunk;
  readonly n: number;
}

/**
 * A compiled condition: returns a mask (1 = the condition has the wanted truth value). Only rows
 * where `sel` is 1 need to be right (others may hold anything); `sel === null` means every row.
 */
export type MaskFn = (ctx: Ctx, sel: Uint8Array | null) => Uint8Array;

/** The chunk's column `name`, or a QuiverError naming it. */
export function column(ctx: Ctx, name: string): Column {
  const c = hasOwn(ctx.chunk.columns, name) ? ctx.chunk.columns[name] : undefined; // a field may be named toString
  if (c === undefined) throw new QuiverError(ErrorCode.FieldNotFound, `the filter reads field "${name}", which the chunk does not hold`);
  return c;
}

/** A mask that is the same for every row. */
export function constMask(bit: 0 | 1): MaskFn {
  return (ctx) => (bit === 0 ? new Uint8Array(ctx.n) : new Uint8Array(ctx.n).fill(1));
}

/** Kleene truth values of one row. */
export const TRUE = 1;
/** FALSE outcome. */
export const FALSE = 0;
/** UNKNOWN outcome (null, missing or mismatched operands). */
export const UNKNOWN = -1;

/**
 * The generic kernel shape: `prepare` binds a chunk's columns and returns a per-row outcome
 * function (1, 0 or -1); the mask keeps the rows whose outcome is the wanted one.
 */
export function rowMask(want: boolean, prepare: (ctx: Ctx, sel: Uint8Array | null) => (i: number) => number): MaskFn {
  const target = want ? TRUE : FALSE;
  return (ctx, sel) => {
    const outcome = prepare(ctx, sel);
    const n = ctx.n;
    const out = new Uint8Array(n);
    if (sel === null) {
      for (let i = 0; i < n; i++) out[i] = outcome(i) === target ? 1 : 0;
    } else {
      for (let i = 0; i < n; i++) if (sel[i] === 1 && outcome(i) === target) out[i] = 1;
    }
    return out;
  };
}
