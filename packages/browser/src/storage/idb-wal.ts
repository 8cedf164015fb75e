import { ErrorCode, GroupCommitQueue, QuiverError, checkLsn, checkWalRecords, frameWalRecord, openWalFrame, stampWalFrames, walRecordCorrupted } from '@quiver/core';
import type { OpenedWalFrame, Wal, WalEntry } from '@quiver/core';
import { closedError, storageError } from './errors.js';
import { durabilityOf, idbDatabaseName, openQuiverIdb, settle } from './idb-database.js';
import type { IdbDurability, IdbStoreOptions, QuiverIdb } from './idb-database.js';

/** Options of {@link IdbWal.open}. */
export type IdbWalOptions = IdbStoreOptions;

/** Appends waiting behind a transaction are committed together, up to this many bytes per transaction. */
const GROUP_BYTES = 8 * 1024 * 1024;
/** A read transaction fetches about this many bytes (its record count adapts to the record sizes seen). */
const READ_PAGE_BYTES = 4 * 1024 * 1024;
const MAX_READ_PAGE = 1024;
const FLOOR_KEY = 'floor';

/**
 * Verifies the stored value of record `lsn` (one frame of core's WAL frame codec, as an
 * ArrayBuffer) and returns its payload, or throws `Corrupted` naming `where` and the LSN.
 */
function openFrame(value: unknown, lsn: number, where: string): OpenedWalFrame {
  if (!(value instanceof ArrayBuffer)) throw walRecordCorrupted(lsn, where, `the stored value is not bytes (${Object.prototype.toString.call(value)})`);
  return openWalFrame(new Uint8Array(value), lsn, where);
}

/**
 * The write-ahead log in the `wal` object store of the database's IndexedDB database: one framed
 * record (magic, version, LSN, length, CRC32 — docs/formats.md) per key, keyed by LSN. Appends
 * are group-committed: those waiting while a transaction runs share the next one, and each
 * resolves only after its transaction commits (`durability: 'strict'` by default). A failed
 * transaction writes nothing and consumes no LSN. Records are verified when read; damage is
 * `Corrupted` naming the record and the database.
 */
export class IdbWal implements Wal {
  readonly #db: QuiverIdb;
  readonly #where: string;
  readonly #durability: IdbDurability;
  #next: number;
  readonly #commits: GroupCommitQueue<Uint8Array[]>;
  #lost = false;
  #closed = false;

  private constructor(db: QuiverIdb, where: string, durability: IdbDurability, next: number) {
    this.#db = db;
    this.#where = where;
    this.#durability = durability;
    this.#next = next;
    this.#commits = new GroupCommitQueue({ write: (group) => this.#write(group), truncate: (before) => this.#truncate(before) }, GROUP_BYTES);
  }

  /** Opens (creating when absent) the WAL of Quiver database `name`; checks its newest record. */
  static async open(name: string, options: IdbWalOptions = {}): Promise<IdbWal> {
    const durability = durabilityOf(options);
    const where = `IndexedDB "${idbDatabaseName(name)}" store "wal"`;
    let wal: IdbWal | undefined;
    const db = await openQuiverIdb(name, () => {
      if (wal !== undefined) wal.#lose();
    });
    try {
      const tx = db.transaction(['wal', 'wal-state'], 'readonly');
      const last = tx.objectStore('wal').openCursor(null, 'prev');
      const floor = tx.objectStore('wal-state').get(FLOOR_KEY);
      await settle(tx, [last, floor]);
      const cursor = await last;
      const floorValue = (await floor) ?? 1;
      if (!Number.isSafeInteger(floorValue) || floorValue < 1) throw new QuiverError(ErrorCode.Corrupted, `${where}: the truncation floor is ${String(floorValue)}`);
      let next = floorValue;
      if (cursor) {
        const lsn = cursor.key;
        if (!Number.isSafeInteger(lsn) || lsn < 1) throw new QuiverError(ErrorCode.Corrupted, `${where} has a record under key ${String(lsn)}, not an LSN`);
        if (openFrame(cursor.value, lsn, where).continued) throw walRecordCorrupted(lsn, where, 'the newest append is incomplete');
        next = Math.max(next, lsn + 1);
      }
      wal = new IdbWal(db, where, durability, next);
      return wal;
    } catch (e) {
      db.close();
      throw storageError(`cannot open ${where}`, e);
    }
  }

  async append(records: readonly Uint8Array[]): Promise<number[]> {
    this.#check();
    checkWalRecords(records);
    if (records.length === 0) return [];
    const frames = records.map((r, i) => frameWalRecord(r, i < records.length - 1)); // copies now
    const bytes = frames.reduce((n, f) => n + f.length, 0);
    return this.#commits.append(frames, bytes);
  }

  async *read(fromLsn: number): AsyncIterable<WalEntry> {
    this.#check();
    checkLsn('fromLsn', fromLsn);
    const end = this.#next; // only what is acknowledged now
    let lsn = Math.max(fromLsn, 1);
    let page = 16;
    while (lsn < end) {
      const tx = this.#db.transaction(['wal', 'wal-state'], 'readonly');
      const range = IDBKeyRange.bound(lsn, end - 1);
      const keys = tx.objectStore('wal').getAllKeys(range, page);
      const values = tx.objectStore('wal').getAll(range, page);
      const floor = tx.objectStore('wal-state').get(FLOOR_KEY);
      try {
        await settle(tx, [keys, values, floor]);
      } catch (e) {
        throw storageError(`cannot read ${this.#where}`, e);
      }
      const [k, v, f] = [await keys, await values, (await floor) ?? 1];
      if (k.length === 0 || k[0]! > lsn) {
        // Records below the truncation floor may be gone (truncated while reading); anything else is a hole.
        if (lsn < f && (k.length === 0 ? f >= end : k[0]! <= f)) {
          lsn = k.length === 0 ? end : k[0]!;
          continue;
        }
        throw new QuiverError(ErrorCode.Corrupted, `WAL record ${lsn} in ${this.#where} is missing (the log has a hole)`);
      }
      const bytes = v.reduce((n, x) => n + (x instanceof ArrayBuffer ? x.byteLength : 0), 0);
      page = Math.max(1, Math.min(MAX_READ_PAGE, Math.floor((READ_PAGE_BYTES * k.length) / Math.max(bytes, 1))));
      for (let i = 0; i < k.length; i++, lsn++) {
        if (k[i] !== lsn) throw new QuiverError(ErrorCode.Corrupted, `WAL record ${lsn} in ${this.#where} is missing (the log has a hole)`);
        const frame = openFrame(v[i], lsn, this.#where);
        this.#check();
        yield { lsn, data: frame.data };
      }
    }
  }

  async truncate(beforeLsn: number): Promise<void> {
    this.#check();
    checkLsn('beforeLsn', beforeLsn);
    return this.#commits.truncate(beforeLsn);
  }

  nextLsn(): number {
    this.#check();
    return this.#next;
  }

  /** Waits for queued appends and truncations, then closes the connection. */
  close(): Promise<void> {
    this.#closed = true;
    return this.#commits.close(() => this.#db.close());
  }

  #lose(): void {
    this.#lost = true;
  }

  #check(): void {
    if (this.#closed) throw closedError(this.#where);
  }

  /** Writes a group of appends in one transaction; LSNs count only once it committed. */
  async #write(group: Uint8Array[][]): Promise<number[][]> {
    this.#usable();
    let lsn = this.#next;
    const tx = this.#db.transaction('wal', 'readwrite', { durability: this.#durability });
    const requests: Array<Promise<unknown>> = [];
    const lsns = group.map((frames) =>
      frames.map((frame) => {
        stampWalFrames(frame, lsn);
        requests.push(tx.store.add(frame.buffer as ArrayBuffer, lsn));
        return lsn++;
      }),
    );
    try {
      await settle(tx, requests);
    } catch (e) {
      const count = lsn - this.#next;
      throw storageError(`WAL append of ${count} record${count === 1 ? '' : 's'} to ${this.#where} failed`, e);
    }
    this.#next = lsn;
    return lsns;
  }

  /** Deletes every record below `before` and raises the floor, in one transaction. */
  async #truncate(before: number): Promise<void> {
    this.#usable();
    const floor = Math.min(before, this.#next);
    if (floor <= 1) return;
    const tx = this.#db.transaction(['wal', 'wal-state'], 'readwrite', { durability: this.#durability });
    const state = tx.objectStore('wal-state');
    const requests: Array<Promise<unknown>> = [tx.objectStore('wal').delete(IDBKeyRange.upperBound(floor, true))];
    requests.push(
      state.get(FLOOR_KEY).then((old) => {
        if (old === undefined || old < floor) return state.put(floor, FLOOR_KEY);
        return undefined;
      }),
    );
    try {
      await settle(tx, requests);
    } catch (e) {
      throw storageError(`WAL truncation of ${this.#where} failed`, e);
    }
  }

  #usable(): void {
    if (this.#lost) throw new QuiverError(ErrorCode.IoFailed, `${this.#where}: the browser closed the connection (storage cleared or failed); reopen the database`);
  }
}
