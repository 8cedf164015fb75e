/** A growable little-endian byte writer. */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  /** Bytes written so far. */
  length = 0;
  constructor(initial = 1024) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }
  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): this { this.ensure(1); this.view.setUint8(this.length, v); this.length += 1; return this; }
  u16(v: number): this { this.ensure(2); this.view.setUint16(this.length, v, true); this.length += 2; return this; }
  u32(v: number): this { this.ensure(4); this.view.setUint32(this.length, v, true); this.length += 4; return this; }
  u64(v: number | bigint): this { this.ensure(8); this.view.setBigUint64(this.length, BigInt(v), true); this.length += 8; return this; }
  bytes(b: Uint8Array): this { this.ensure(b.length); this.buf.set(b, this.length); this.length += b.length; return this; }
  /** Pads with zeros to a multiple of `n` bytes. */
  align(n: number): this { const pad = (n - (this.length % n)) % n; this.ensure(pad); this.buf.fill(0, this.length, this.length + pad); this.length += pad; return this; }
  /** Overwrites a u32 at `offset` (for lengths and checksums known only at the end). */
  patchU32(offset: number, v: number): void { this.view.setUint32(offset, v, true); }
  /** The bytes written (a view, valid until the next write). */
  finish(): Uint8Array { return this.buf.subarray(0, this.length); }
}

/** A little-endian byte reader that reports overruns as `onError(message)`. */
export class ByteReader {
  private readonly view: DataView;
  pos = 0;
  constructor(readonly buf: Uint8Array, private readonly onError: (msg: string) => never) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private need(n: number): void { if (this.pos + n > this.buf.length) this.onError(`truncated at byte ${this.pos} (needs ${n} more, has ${this.buf.length - this.pos})`); }
  u8(): number { this.need(1); return this.view.getUint8(this.pos++); }
  u16(): number { this.need(2); const v = this.view.getUint16(this.pos, true); this.pos += 2; return v; }
  u32(): number { this.need(4); const v = this.view.getUint32(this.pos, true); this.pos += 4; return v; }
  u64(): bigint { this.need(8); const v = this.view.getBigUint64(this.pos, true); this.pos += 8; return v; }
  bytes(n: number): Uint8Array { this.need(n); const b = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return b; }
  align(n: number): void { this.pos += (n - (this.pos % n)) % n; }
  get remaining(): number { return this.buf.length - this.pos; }
}
