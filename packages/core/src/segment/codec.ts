import { ErrorCode, QuiverError } from '../errors.js';
import type { DataType } from '../schema/types.js';
import { ByteReader, ByteWriter } from '../util/bytes.js';
import type { Chunk, Column, ColumnValues } from './column.js';

// Column-wise binary encoding of a Chunk, shared by WAL insert records and segment files
// (docs/formats.md, "Chunk encoding"). Fixed-width columns are 8-byte aligned so a decoder can
// view them in place without copying.

const TYPE_CODES: readonly DataType[] = ['Bool', 'Int8', 'Int16', 'Int32', 'Int64', 'Float', 'Double', 'VarChar', 'JSON', 'Array', 'FloatVector'];
const utf8 = new TextEncoder();
const utf8d = new TextDecoder('utf-8', { fatal: true });

type Typed = Uint8Array | Int8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array;
type TypedCtor = { new (buf: ArrayBuffer, off: number, len: number): Typed; new (len: number): Typed; BYTES_PER_ELEMENT: number };
const CTORS: Partial<Record<DataType, TypedCtor>> = {
  Bool: Uint8Array, Int8: Int8Array, Int16: Int16Array, Int32: Int32Array, Int64: BigInt64Array,
  Float: Float32Array, Double: Float64Array, FloatVector: Float32Array,
};

/** JSON text of a value, with bigints (Int64 array elements) written as decimal strings. */
function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

function writeStrings(w: ByteWriter, strings: readonly string[]): void {
  const encoded = strings.map((s) => utf8.encode(s));
  w.u32(encoded.length);
  for (const e of encoded) w.u32(e.length);
  for (const e of encoded) w.bytes(e);
}

function readStrings(r: ByteReader, n: number): string[] {
  const count = r.u32();
  if (count !== n) throw new Error(`string column has ${count} values, expected ${n}`);
  const lens = new Array<number>(count);
  for (let i = 0; i < count; i++) lens[i] = r.u32();
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = utf8d.decode(r.bytes(lens[i]!));
  return out;
}

/** Encodes a chunk (rows plus any system columns) into `w`. */
export function encodeChunk(w: ByteWriter, chunk: Chunk): void {
  const names = Object.keys(chunk.columns);
  w.u32(chunk.rowCount).u16(names.length);
  for (const name of names) {
    const col = chunk.columns[name]!;
    const nameBytes = utf8.encode(name);
    w.u16(nameBytes.length).bytes(nameBytes);
    w.u8(TYPE_CODES.indexOf(col.dataType)).u32(col.dim ?? 0).u8(col.valid ? 1 : 0);
    if (col.valid) w.bytes(col.valid);
    const ctor = CTORS[col.dataType];
    if (ctor) {
      const t = col.values as Typed;
      w.align(8).bytes(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
    } else if (col.dataType === 'VarChar') {
      writeStrings(w, col.values as string[]);
    } else {
      writeStrings(w, (col.values as unknown[]).map((v) => (v === null || v === undefined ? '' : toJson(v))));
    }
  }
}

function reviveArray(values: unknown[], elementInt64: boolean): void {
  if (!elementInt64) return;
  for (const a of values) if (Array.isArray(a)) for (let i = 0; i < a.length; i++) a[i] = BigInt(a[i] as string);
}

/**
 * Decodes a chunk written by {@link encodeChunk}. `int64Arrays` names Array fields whose elements
 * are Int64 (their JSON holds decimal strings). Errors name `source`.
 */
export function decodeChunk(r: ByteReader, source: string, int64Arrays: ReadonlySet<string> = new Set()): Chunk {
  try {
    const rowCount = r.u32();
    const ncols = r.u16();
    const columns: Record<string, Column> = {};
    for (let c = 0; c < ncols; c++) {
      const name = utf8d.decode(r.bytes(r.u16()));
      const dataType = TYPE_CODES[r.u8()];
      if (!dataType) throw new Error(`unknown type code in column "${name}"`);
      const dim = r.u32();
      const valid = r.u8() ? r.bytes(rowCount).slice() : null;
      let values: ColumnValues;
      const ctor = CTORS[dataType];
      if (ctor) {
        r.align(8);
        const len = dataType === 'FloatVector' ? rowCount * dim : rowCount;
        const bytes = r.bytes(len * ctor.BYTES_PER_ELEMENT);
        values = bytes.byteOffset % 8 === 0 ? new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, len) : new ctor(new Uint8Array(bytes).buffer as ArrayBuffer, 0, len);
      } else if (dataType === 'VarChar') {
        values = readStrings(r, rowCount);
      } else {
        const texts = readStrings(r, rowCount);
        values = texts.map((t) => (t === '' ? null : JSON.parse(t)));
        if (dataType === 'Array') reviveArray(values as unknown[], int64Arrays.has(name));
      }
      columns[name] = dataType === 'FloatVector' ? { dataType, values, valid, dim } : { dataType, values, valid };
    }
    return { rowCount, columns };
  } catch (e) {
    if (e instanceof QuiverError) throw e;
    throw new QuiverError(ErrorCode.Corrupted, `${source}: undecodable chunk: ${(e as Error).message}`);
  }
}

/** Concatenates chunks with the same columns into one (sealing a growing segment, compaction). */
export function concatChunks(chunks: readonly Chunk[], keep?: readonly Uint8Array[]): Chunk {
  const first = chunks[0];
  if (!first) return { rowCount: 0, columns: {} };
  const rowsOf = (i: number): number[] => {
    const k = keep?.[i];
    const out: number[] = [];
    for (let r = 0; r < chunks[i]!.rowCount; r++) if (!k || k[r]) out.push(r);
    return out;
  };
  const picks = chunks.map((_, i) => rowsOf(i));
  const rowCount = picks.reduce((a, p) => a + p.length, 0);
  const columns: Record<string, Column> = {};
  for (const [name, col0] of Object.entries(first.columns)) {
    const ctor = CTORS[col0.dataType];
    const width = col0.dataType === 'FloatVector' ? col0.dim! : 1;
    const values: ColumnValues = ctor ? new ctor(rowCount * width) : new Array<unknown>(rowCount);
    const anyValid = chunks.some((ch) => ch.columns[name]?.valid);
    const valid = anyValid ? new Uint8Array(rowCount).fill(1) : null;
    let o = 0;
    chunks.forEach((ch, i) => {
      const col = ch.columns[name]!;
      for (const r of picks[i]!) {
        if (ctor && width > 1) (values as Float32Array).set((col.values as Float32Array).subarray(r * width, (r + 1) * width), o * width);
        else (values as unknown[])[o] = (col.values as unknown[])[r];
        if (valid && col.valid) valid[o] = col.valid[r]!;
        o++;
      }
    });
    columns[name] = col0.dim ? { dataType: col0.dataType, values, valid, dim: col0.dim } : { dataType: col0.dataType, values, valid };
  }
  return { rowCount, columns };
}
