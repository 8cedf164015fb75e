import { ErrorCode, QuiverError } from '../errors.js';
import { describeValue } from './memory-meta-store.js';
import type { Wal, WalEntry } from './types.js';

/** Largest record a WAL frame can carry (its length field is a u32). */
export const MAX_WAL_RECORD_BYTES = 0xffff_ffff;

/** Throws InvalidParameter unless `lsn` (argument `name`) is a non-negative safe integer. */
export function checkLsn(name: string, lsn: unknown): asserts lsn is number {
  if (typeof lsn !== 'number' || !Number.isSafeInteger(lsn) || lsn < 0) {
    throw new QuiverError(ErrorCode.InvalidParameter, `WAL ${name} must be a non-negative integer, got ${describeValue(lsn)}`);
  }
}

/** Throws InvalidParameter unless `records` is an array of Uint8Array, naming the first bad one. */
export function checkWalRecords(records: unknown): asserts records is readonly Uint8Array[] {
  if (!Array.isArray(records)) throw new QuiverError(ErrorCode.InvalidParameter, `WAL append takes an array of Uint8Array, got ${describeValue(records)}`);
  records.forEach((r: unknown, i) => {
    if (!(r instanceof Uint8Array)) throw new QuiverError(ErrorCode.InvalidParameter, `WAL record #${i} must be a Uint8Array, got ${describeValue(r)}`);
    if (r.length > MAX_WAL_RECORD_BYTES) throw new QuiverError(ErrorCode.InvalidParameter, `WAL record #${i} has ${r.length} bytes, more than ${MAX_WAL_RECORD_BYTES}`);
  });
}

/** In-memory {@link Wal}: an array of copies; truncation is exact. Nothing survives the instance. */
export class MemoryWal implements Wal {
  #entries: WalEntry[] = [];
  #next = 1;
  #closed = false;

  async append(records: readonly Uint8Array[]): Promise<number[]> {
    this.#check();
    checkWalRecords(records);
    return records.map((r) => {
      const lsn = this.#next++;
      this.#entries.push({ lsn, data: new Uint8Array(r) });
      return lsn;
    });
  }

  async *read(fromLsn: number): AsyncIterable<WalEntry> {
    this.#check();
    checkLsn('fromLsn', fromLsn);
    const end = this.#next;
    for (let lsn = fromLsn; lsn < end; lsn++) {
      this.#check();
      const first = this.#entries[0]?.lsn ?? end;
      if (lsn < first) lsn = first; // truncated meanwhile (or never there): continue at the oldest kept
      const e = this.#entries[lsn - first];
      if (e === undefined || lsn >= end) return;
      yield { lsn, data: new Uint8Array(e.data) };
    }
  }

  async truncate(beforeLsn: number): Promise<void> {
    this.#check();
    checkLsn('beforeLsn', beforeLsn);
    const first = this.#entries[0]?.lsn ?? this.#next;
    if (beforeLsn > first) this.#entries = this.#entries.slice(Math.min(beforeLsn - first, this.#entries.length));
  }

  nextLsn(): number {
    this.#check();
    return this.#next;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #check(): void {
    if (this.#closed) throw new QuiverError(ErrorCode.Closed, 'memory WAL is closed');
  }
}
