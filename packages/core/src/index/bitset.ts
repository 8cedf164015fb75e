import { ErrorCode, QuiverError } from '../errors.js';

/**
 * A set of allowed rows as a packed bitset: bit `row & 7` of byte `row >> 3` (LSB first), 1 =
 * allowed. Search copies `bits` into wasm memory as is, so the expression filter and the delete
 * bitmap combine into one of these before a search. Rows at or past `rows` are not allowed.
 */
export class RowBitset {
  /** Number of rows the set covers. */
  readonly rows: number;
  /** The packed bits, `ceil(rows / 8)` bytes. */
  readonly bits: Uint8Array;

  /** An empty set over `rows` rows, or a view over existing packed bits. */
  constructor(rows: number, bits?: Uint8Array) {
    if (!Number.isInteger(rows) || rows < 0 || rows > 2 ** 32 - 1) {
      throw new QuiverError(ErrorCode.InvalidParameter, `filter: row count ${rows} is not a uint32`);
    }
    const bytes = Math.ceil(rows / 8);
    if (bits && bits.length < bytes) {
      throw new QuiverError(ErrorCode.InvalidParameter, `filter: ${bits.length} bytes cannot hold ${rows} rows (need ${bytes})`);
    }
    this.rows = rows;
    this.bits = bits ?? new Uint8Array(bytes);
  }

  /** A set with every one of `rows` rows allowed. */
  static all(rows: number): RowBitset {
    const b = new RowBitset(rows);
    b.bits.fill(0xff);
    if (rows & 7) b.bits[b.bits.length - 1] = (1 << (rows & 7)) - 1;
    return b;
  }

  /** A set over `rows` rows allowing those listed. */
  static of(rows: number, allowed: Iterable<number>): RowBitset {
    const b = new RowBitset(rows);
    for (const r of allowed) b.set(r);
    return b;
  }

  /** A set from a byte-per-row mask (non-zero = allowed). */
  static fromMask(mask: ArrayLike<number>): RowBitset {
    const b = new RowBitset(mask.length);
    for (let i = 0; i < mask.length; i++) if (mask[i]) b.bits[i >> 3]! |= 1 << (i & 7);
    return b;
  }

  /** Allows `row`. */
  set(row: number): void {
    this.checkRow(row);
    this.bits[row >> 3]! |= 1 << (row & 7);
  }

  /** Disallows `row`. */
  clear(row: number): void {
    this.checkRow(row);
    this.bits[row >> 3]! &= ~(1 << (row & 7));
  }

  /** True when `row` is allowed. */
  has(row: number): boolean {
    return row >= 0 && row < this.rows && ((this.bits[row >> 3]! >> (row & 7)) & 1) === 1;
  }

  /** Number of allowed rows. */
  count(): number {
    let n = 0;
    const full = this.rows >> 3;
    for (let i = 0; i < full; i++) {
      let v = this.bits[i]!;
      while (v) {
        v &= v - 1;
        n++;
      }
    }
    for (let r = full * 8; r < this.rows; r++) if (this.has(r)) n++;
    return n;
  }

  private checkRow(row: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.rows) {
      throw new QuiverError(ErrorCode.InvalidParameter, `filter: row ${row} is outside [0, ${this.rows})`);
    }
  }
}
