import { ErrorCode, QuiverError, checkMetaKey, checkMetaOps, checkMetaPrefix, checkMetaValue } from '@quiver/core';
import type { MetaOp, MetaStore } from '@quiver/core';
import { closedError, storageError } from './errors.js';
import { durabilityOf, idbDatabaseName, openQuiverIdb, settle } from './idb-database.js';
import type { IdbDurability, IdbStoreOptions, QuiverIdb } from './idb-database.js';

/** Keys `k` with `k.startsWith(prefix)`, as an IndexedDB key range (strings compare by UTF-16 code units). */
function prefixRange(prefix: string): IDBKeyRange | undefined {
  if (prefix === '') return undefined;
  const stem = prefix.replace(/\uFFFF+$/, '');
  if (stem === '') return IDBKeyRange.lowerBound(prefix);
  const upper = stem.slice(0, -1) + String.fromCharCode(stem.charCodeAt(stem.length - 1) + 1);
  return IDBKeyRange.bound(prefix, upper, false, true);
}

/**
 * The {@link MetaStore} in the `meta` object store of the database's IndexedDB database. Every
 * put, delete and batch is one readwrite transaction, created in call order (so IndexedDB runs
 * them in call order) and resolved when it commits (`durability: 'strict'` by default).
 */
export class IdbMetaStore implements MetaStore {
  readonly #db: QuiverIdb;
  readonly #where: string;
  readonly #durability: IdbDurability;
  readonly #inFlight = new Set<Promise<unknown>>();
  #closed = false;
  #lost = false;
  #closing: Promise<void> | undefined;

  private constructor(db: QuiverIdb, where: string, durability: IdbDurability) {
    this.#db = db;
    this.#where = where;
    this.#durability = durability;
  }

  /** Opens the meta store of Quiver database `name` (IndexedDB database `quiver/<name>`). */
  static async open(name: string, options: IdbStoreOptions = {}): Promise<IdbMetaStore> {
    const durability = durabilityOf(options);
    let store: IdbMetaStore | undefined;
    const db = await openQuiverIdb(name, () => {
      if (store !== undefined) store.#lose();
    });
    store = new IdbMetaStore(db, `IndexedDB "${idbDatabaseName(name)}" store "meta"`, durability);
    return store;
  }

  get(key: string): Promise<string | undefined> {
    return this.#track(async () => {
      checkMetaKey(key);
      let value: unknown;
      try {
        value = await this.#db.get('meta', key);
      } catch (e) {
        throw storageError(`cannot read ${JSON.stringify(key)} from ${this.#where}`, e);
      }
      if (value !== undefined && typeof value !== 'string') {
        throw new QuiverError(ErrorCode.Corrupted, `${this.#where} holds a non-string value under ${JSON.stringify(key)}`);
      }
      return value;
    });
  }

  put(key: string, value: string): Promise<void> {
    return this.#track(() => {
      checkMetaKey(key);
      checkMetaValue(key, value);
      return this.#write([{ type: 'put', key, value }]);
    });
  }

  delete(key: string): Promise<void> {
    return this.#track(() => {
      checkMetaKey(key);
      return this.#write([{ type: 'delete', key }]);
    });
  }

  scan(prefix: string): Promise<Array<[string, string]>> {
    return this.#track(async () => {
      checkMetaPrefix(prefix);
      const range = prefixRange(prefix);
      const tx = this.#db.transaction('meta', 'readonly');
      const keys = tx.store.getAllKeys(range);
      const values = tx.store.getAll(range);
      try {
        await settle(tx, [keys, values]);
      } catch (e) {
        throw storageError(`cannot scan ${JSON.stringify(prefix)} in ${this.#where}`, e);
      }
      const [k, v] = [await keys, await values];
      return k.map((key, i): [string, string] => {
        if (typeof v[i] !== 'string') throw new QuiverError(ErrorCode.Corrupted, `${this.#where} holds a non-string value under ${JSON.stringify(key)}`);
        return [key, v[i]];
      });
    });
  }

  batch(ops: readonly MetaOp[]): Promise<void> {
    return this.#track(() => {
      checkMetaOps(ops);
      return this.#write(ops);
    });
  }

  /** Waits for the calls under way, then closes the connection; later calls fail with `Closed`. */
  close(): Promise<void> {
    this.#closed = true;
    this.#closing ??= (async () => {
      await Promise.allSettled([...this.#inFlight]);
      this.#db.close();
    })();
    return this.#closing;
  }

  #lose(): void {
    this.#lost = true;
  }

  /** One readwrite transaction with every op, created now (call order), resolved at commit. */
  async #write(ops: readonly MetaOp[]): Promise<void> {
    if (ops.length === 0) return;
    const tx = this.#db.transaction('meta', 'readwrite', { durability: this.#durability });
    const requests = ops.map((op) => (op.type === 'put' ? tx.store.put(op.value, op.key) : tx.store.delete(op.key)));
    try {
      await settle(tx, requests);
    } catch (e) {
      throw storageError(`cannot write ${ops.length === 1 ? JSON.stringify(ops[0]!.key) : `a batch of ${ops.length} changes`} to ${this.#where}`, e);
    }
  }

  /** Runs a call unless closed, remembering it until it settles. */
  #track<T>(call: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(closedError(this.#where));
    if (this.#lost) return Promise.reject(new QuiverError(ErrorCode.IoFailed, `${this.#where}: the browser closed the connection (storage cleared or failed); reopen the database`));
    let p: Promise<T>;
    try {
      p = call();
    } catch (e) {
      return Promise.reject(e);
    }
    this.#inFlight.add(p);
    const forget = () => this.#inFlight.delete(p);
    p.then(forget, forget);
    return p;
  }
}
