/**
 * The three storage concerns (ARCHITECTURE.md §5). Each has a memory implementation here and one
 * per platform; `testing/` holds the conformance suite every implementation must pass.
 */

/** One operation of an atomic {@link MetaStore.batch}. */
export type MetaOp = { readonly type: 'put'; readonly key: string; readonly value: string } | { readonly type: 'delete'; readonly key: string };

/** Small transactional key-value store for the catalog and segment meta. Values are strings (JSON). */
export interface MetaStore {
  get(key: string): Promise<string | undefined>;
  /** Durable when the promise resolves. */
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every entry whose key starts with `prefix`, sorted by key (UTF-16 code unit order). */
  scan(prefix: string): Promise<Array<[string, string]>>;
  /** Applies all operations or none; durable when the promise resolves. */
  batch(ops: readonly MetaOp[]): Promise<void>;
  close(): Promise<void>;
}

/** A WAL record as read back. */
export interface WalEntry {
  /** Log sequence number: 1, 2, 3… in append order, never reused, survives truncation. */
  readonly lsn: number;
  readonly data: Uint8Array;
}

/**
 * Append-only write-ahead log of opaque records. The implementation frames each record with a
 * magic, a format version, its length and a CRC32; a complete record that fails its check is
 * reported as corruption naming the file, a torn record at the very end (an append that never
 * returned) is dropped on open.
 */
export interface Wal {
  /** Appends the records in order and resolves with the LSN of each once all are durable. */
  append(records: readonly Uint8Array[]): Promise<number[]>;
  /** Every record with `lsn >= fromLsn`, in order. */
  read(fromLsn: number): AsyncIterable<WalEntry>;
  /** Drops records with `lsn < beforeLsn` (whole files at a time; some may stay readable). */
  truncate(beforeLsn: number): Promise<void>;
  /** The LSN the next append will get. */
  nextLsn(): number;
  close(): Promise<void>;
}

/** Immutable blobs by path (`<db>/<collection>/<partition>/<segment>/data.qseg`, …). */
export interface ObjectStore {
  /** Writes the whole blob atomically: readers see the old state or the new, never a part. Durable on resolve. */
  put(path: string, data: Uint8Array): Promise<void>;
  /** The blob, or a QuiverError KeyNotFound naming the path. */
  get(path: string): Promise<Uint8Array>;
  /** Deleting a missing path is not an error. */
  delete(path: string): Promise<void>;
  /** Paths starting with `prefix`, sorted. */
  list(prefix: string): Promise<string[]>;
  /**
   * Optional: where the object at `path` lives as its user would find it (the file on disk), for
   * error messages. Errors that name an object path get it added on their way out of the engine
   * (`storage/locate.ts`). Stores whose objects have no such place leave it out.
   */
  locate?(path: string): string;
  close(): Promise<void>;
}

/** The storage a database instance runs on. */
export interface Storage {
  readonly meta: MetaStore;
  readonly wal: Wal;
  readonly objects: ObjectStore;
  /** Releases locks and handles (closes meta, wal and objects). */
  close(): Promise<void>;
}
