import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { ErrorCode, QuiverError } from '@quiver/core';
import { storageError } from './errors.js';

/** The object stores of a Quiver IndexedDB database (layout: docs/formats.md, "IndexedDB"). */
export interface QuiverIdbSchema extends DBSchema {
  /** The MetaStore: catalog key → value (strings). */
  meta: { key: string; value: string };
  /** The WAL: LSN → one framed record. */
  wal: { key: number; value: ArrayBuffer };
  /** WAL bookkeeping: `floor` → the lowest LSN not truncated. */
  'wal-state': { key: string; value: number };
}

/** An open connection to a Quiver IndexedDB database. */
export type QuiverIdb = IDBPDatabase<QuiverIdbSchema>;

/** Schema version of the IndexedDB database (its IndexedDB `version`). */
export const IDB_SCHEMA_VERSION = 1;

/** How a write transaction commits: `strict` (default) waits until the data is flushed to disk. */
export type IdbDurability = 'strict' | 'relaxed' | 'default';

/** Options shared by the IndexedDB stores. */
export interface IdbStoreOptions {
  /** Durability hint of write transactions; a write resolves when its transaction commits. Default `strict`. */
  readonly durability?: IdbDurability;
}

/** The IndexedDB database name of Quiver database `name` (`idb://name`). */
export function idbDatabaseName(name: string): string {
  return `quiver/${name}`;
}

/** Checks a durability option and returns it (default `strict`). */
export function durabilityOf(options: IdbStoreOptions): IdbDurability {
  const d = options.durability ?? 'strict';
  if (d !== 'strict' && d !== 'relaxed' && d !== 'default') {
    throw new QuiverError(ErrorCode.InvalidParameter, `durability must be "strict", "relaxed" or "default", got ${JSON.stringify(d)}`);
  }
  return d;
}

/**
 * Opens (creating when absent) the IndexedDB database of Quiver database `name`. `onLost` is
 * called if the browser closes the connection abnormally (storage cleared, disk error).
 */
export async function openQuiverIdb(name: string, onLost: () => void): Promise<QuiverIdb> {
  const dbName = idbDatabaseName(name);
  try {
    return await openDB<QuiverIdbSchema>(dbName, IDB_SCHEMA_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('meta');
          db.createObjectStore('wal');
          db.createObjectStore('wal-state');
        }
      },
      terminated: onLost,
    });
  } catch (e) {
    if ((e as { name?: unknown })?.name === 'VersionError') {
      throw new QuiverError(ErrorCode.Unsupported, `IndexedDB database "${dbName}" was written by a newer Quiver (schema version above ${IDB_SCHEMA_VERSION})`, { cause: e });
    }
    throw storageError(`cannot open IndexedDB database "${dbName}"`, e);
  }
}

/**
 * Waits for every request of a transaction and for its commit. Rejects with the transaction's
 * error (or the first request's) when it aborted; every request promise is observed, so none
 * rejects unhandled.
 */
export async function settle<S extends StoreNames<QuiverIdbSchema>[], M extends IDBTransactionMode>(
  tx: IDBPTransaction<QuiverIdbSchema, S, M>,
  requests: ReadonlyArray<Promise<unknown>>,
): Promise<void> {
  const results = await Promise.allSettled([...requests, tx.done]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed === undefined) return;
  // A quota failure surfaces on the transaction (at commit) or on a request; prefer it over AbortError.
  const errors = [tx.error, ...results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown)];
  throw errors.find((e) => (e as { name?: unknown } | null)?.name === 'QuotaExceededError') ?? tx.error ?? failed.reason;
}
