import { ErrorCode, QuiverError } from '../errors.js';
import type { Pk } from '../schema/types.js';
import { decodeChunk, encodeChunk } from '../segment/codec.js';
import type { Chunk } from '../segment/column.js';
import { ByteReader, ByteWriter } from '../util/bytes.js';

// The records Quiver writes to its WAL (docs/formats.md, "WAL records"). The Wal frames each one
// with magic, version, length and CRC; this is the payload inside the frame.

const INSERT = 1;
const DELETE = 2;
const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

/** Rows for one partition at one timestamp; `upsert` rows replace earlier versions of their keys. */
export interface InsertRecord {
  readonly kind: 'insert';
  readonly collectionId: number;
  readonly partitionId: number;
  readonly ts: bigint;
  readonly upsert: boolean;
  /** Columns of the rows, including `$ts`. */
  readonly chunk: Chunk;
}

/** Deletion of primary keys at a timestamp (rows with an older timestamp disappear). */
export interface DeleteRecord {
  readonly kind: 'delete';
  readonly collectionId: number;
  readonly ts: bigint;
  readonly pks: readonly Pk[];
}

/** A WAL record. */
export type WalRecord = InsertRecord | DeleteRecord;

/** Encodes a record as a WAL payload. */
export function encodeRecord(rec: WalRecord): Uint8Array {
  const w = new ByteWriter(rec.kind === 'insert' ? 4096 : 256);
  if (rec.kind === 'insert') {
    const head = utf8.encode(JSON.stringify({ c: rec.collectionId, p: rec.partitionId, ts: rec.ts.toString(), u: rec.upsert }));
    w.u8(INSERT).u32(head.length).bytes(head);
    encodeChunk(w, rec.chunk);
  } else {
    const int = rec.pks.length > 0 && typeof rec.pks[0] === 'bigint';
    const head = utf8.encode(JSON.stringify({ c: rec.collectionId, ts: rec.ts.toString(), i: int, k: rec.pks.map(String) }));
    w.u8(DELETE).u32(head.length).bytes(head);
  }
  return w.finish().slice();
}

/** Decodes a WAL payload; `source` names the WAL position in errors. */
export function decodeRecord(data: Uint8Array, source: string, int64Arrays?: (collectionId: number) => ReadonlySet<string>): WalRecord {
  const r = new ByteReader(data, (msg) => {
    throw new QuiverError(ErrorCode.Corrupted, `${source}: ${msg}`);
  });
  const kind = r.u8();
  const head = JSON.parse(utf8d.decode(r.bytes(r.u32()))) as Record<string, unknown>;
  if (kind === INSERT) {
    const collectionId = head.c as number;
    const chunk = decodeChunk(r, source, int64Arrays?.(collectionId));
    return { kind: 'insert', collectionId, partitionId: head.p as number, ts: BigInt(head.ts as string), upsert: head.u === true, chunk };
  }
  if (kind === DELETE) {
    const keys = head.k as string[];
    return { kind: 'delete', collectionId: head.c as number, ts: BigInt(head.ts as string), pks: head.i ? keys.map((k) => BigInt(k)) : keys };
  }
  throw new QuiverError(ErrorCode.Corrupted, `${source}: unknown WAL record kind ${kind}`);
}
