// Wal on a Durable Object's SQLite database: one row per MiB of each framed record, keyed by
// (lsn, part); the next LSN in `quiver_state` so it survives truncating everything. An append is
// one SQL transaction (all its records or none) and resolves once durable.
import { ErrorCode, QuiverError, checkLsn, checkWalRecords, crc32, type Wal, type WalEntry } from '@quiver/core';
import { blobBytes, durable } from './do-sql.js';

/** Bytes per row (rows are limited to 2 MB). */
const PART_BYTES = 1024 * 1024;
/** Frame header, as the file WAL's (docs/formats.md): magic "QWAL", u16 version, u16 flags, u64 lsn, u32 length, u32 crc32. */
const HEADER = 24;
const VERSION = 1;
const MAGIC = [0x51, 0x57, 0x41, 0x4c];

/** A {@link Wal} in the table `quiver_wal` of a Durable Object's SQLite storage. */
export class DoWal implements Wal {
  #next: number;
  #closed = false;

  constructor(private readonly storage: CfDurableObjectStorage, private readonly label: string) {
    const sql = storage.sql;
    sql.exec('CREATE TABLE IF NOT EXISTS quiver_wal (lsn INTEGER NOT NULL, part INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (lsn, part)) WITHOUT ROWID');
    sql.exec('CREATE TABLE IF NOT EXISTS quiver_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const saved = sql.exec<{ value: string }>("SELECT value FROM quiver_state WHERE key = 'wal.next'").toArray()[0];
    const max = sql.exec<{ m: number | null }>('SELECT max(lsn) AS m FROM quiver_wal').one().m;
    this.#next = Math.max(saved ? Number(saved.value) : 1, (max ?? 0) + 1);
  }

  async append(records: readonly Uint8Array[]): Promise<number[]> {
    this.#check();
    checkWalRecords(records);
    if (records.length === 0) return [];
    const first = this.#next;
    const frames = records.map((r, i) => frame(r, first + i));
    this.storage.transactionSync(() => {
      frames.forEach((f, i) => {
        for (let at = 0, part = 0; at < f.length; at += PART_BYTES, part++) {
          this.storage.sql.exec('INSERT OR REPLACE INTO quiver_wal (lsn, part, data) VALUES (?, ?, ?)', first + i, part, f.subarray(at, Math.min(f.length, at + PART_BYTES)));
        }
      });
      this.storage.sql.exec("INSERT OR REPLACE INTO quiver_state (key, value) VALUES ('wal.next', ?)", String(first + records.length));
    });
    this.#next = first + records.length;
    await durable(this.storage);
    return frames.map((_, i) => first + i);
  }

  async *read(fromLsn: number): AsyncIterable<WalEntry> {
    this.#check();
    checkLsn('read fromLsn', fromLsn);
    const min = this.storage.sql.exec<{ m: number | null }>('SELECT min(lsn) AS m FROM quiver_wal').one().m;
    if (min === null) return;
    for (let lsn = Math.max(fromLsn, min); lsn < this.#next; lsn++) {
      this.#check();
      const rows = this.storage.sql.exec<{ data: ArrayBuffer }>('SELECT data FROM quiver_wal WHERE lsn = ? ORDER BY part', lsn).toArray();
      yield { lsn, data: unframe(rows.map((r) => blobBytes(r.data)), lsn, this.label) };
    }
  }

  async truncate(beforeLsn: number): Promise<void> {
    this.#check();
    checkLsn('truncate beforeLsn', beforeLsn);
    this.storage.sql.exec('DELETE FROM quiver_wal WHERE lsn < ?', Math.min(beforeLsn, this.#next));
    await durable(this.storage);
  }

  nextLsn(): number {
    this.#check();
    return this.#next;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #check(): void {
    if (this.#closed) throw new QuiverError(ErrorCode.Closed, `${this.label}: WAL is closed`);
  }
}

function frame(payload: Uint8Array, lsn: number): Uint8Array {
  const out = new Uint8Array(HEADER + payload.length);
  const v = new DataView(out.buffer);
  out.set(MAGIC, 0);
  v.setUint16(4, VERSION, true);
  v.setUint32(8, lsn % 0x1_0000_0000, true);
  v.setUint32(12, Math.floor(lsn / 0x1_0000_0000), true);
  v.setUint32(16, payload.length, true);
  out.set(payload, HEADER);
  v.setUint32(20, crc32(payload, crc32(out.subarray(4, 20))), true);
  return out;
}

function unframe(parts: Uint8Array[], lsn: number, label: string): Uint8Array {
  const bad = (why: string): QuiverError => new QuiverError(ErrorCode.Corrupted, `${label}: WAL record ${lsn}: ${why}`);
  if (parts.length === 0) throw bad('missing (the log has a hole)');
  const size = parts.reduce((n, p) => n + p.length, 0);
  const buf = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    buf.set(p, at);
    at += p.length;
  }
  if (size < HEADER || MAGIC.some((b, i) => buf[i] !== b)) throw bad('bad magic (expected "QWAL")');
  const v = new DataView(buf.buffer);
  if (v.getUint16(4, true) !== VERSION) throw bad(`unsupported format version ${v.getUint16(4, true)}`);
  const stored = v.getUint32(8, true) + v.getUint32(12, true) * 0x1_0000_0000;
  if (stored !== lsn) throw bad(`frame says LSN ${stored}`);
  const length = v.getUint32(16, true);
  if (length !== size - HEADER) throw bad(`length ${length} but ${size - HEADER} payload bytes`);
  const payload = buf.subarray(HEADER);
  if (crc32(payload, crc32(buf.subarray(4, 20))) !== v.getUint32(20, true)) throw bad('CRC mismatch');
  return payload.slice();
}
