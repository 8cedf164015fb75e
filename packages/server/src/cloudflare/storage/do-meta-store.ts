// MetaStore on a Durable Object's SQLite database. Every call runs synchronously inside one SQL
// transaction (so a batch is all or nothing and calls are serialized in call order), then waits
// for the write to be durable. Values are stored as their JSON text, which keeps every JS string
// exactly (lone surrogates included), split into rows well under the 2 MB row limit.
import { ErrorCode, QuiverError, checkMetaKey, checkMetaOps, checkMetaPrefix, checkMetaValue, compareMetaKeys, type MetaOp, type MetaStore } from '@quiver/core';
import { durable } from './do-sql.js';

/** Characters of JSON text per row: at most 1.5 MB of UTF-8, under the 2 MB row limit. */
const PART_CHARS = 512 * 1024;

/** A {@link MetaStore} in the table `quiver_meta` of a Durable Object's SQLite storage. */
export class DoMetaStore implements MetaStore {
  #closed = false;

  constructor(private readonly storage: CfDurableObjectStorage, private readonly label: string) {
    storage.sql.exec('CREATE TABLE IF NOT EXISTS quiver_meta (key TEXT NOT NULL, part INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (key, part)) WITHOUT ROWID');
  }

  async get(key: string): Promise<string | undefined> {
    this.#check();
    checkKey(key);
    const parts = this.storage.sql.exec<{ value: string }>('SELECT value FROM quiver_meta WHERE key = ? ORDER BY part', key).toArray();
    return parts.length === 0 ? undefined : decode(parts.map((p) => p.value), key, this.label);
  }

  async put(key: string, value: string): Promise<void> {
    this.#check();
    checkKey(key);
    checkMetaValue(key, value);
    this.storage.transactionSync(() => this.#write(key, value));
    await durable(this.storage);
  }

  async delete(key: string): Promise<void> {
    this.#check();
    checkKey(key);
    this.storage.sql.exec('DELETE FROM quiver_meta WHERE key = ?', key);
    await durable(this.storage);
  }

  async scan(prefix: string): Promise<Array<[string, string]>> {
    this.#check();
    checkMetaPrefix(prefix);
    // SQLite orders TEXT by UTF-8 bytes (code points); the contract is UTF-16 code units, and a
    // prefix may end inside a surrogate pair. So: select a superset by range, filter, sort here.
    const sqlPrefix = /[\uD800-\uDBFF]$/.test(prefix) ? prefix.slice(0, -1) : prefix;
    const rows = sqlPrefix === ''
      ? this.storage.sql.exec<{ key: string; value: string }>('SELECT key, value FROM quiver_meta ORDER BY key, part')
      : this.storage.sql.exec<{ key: string; value: string }>('SELECT key, value FROM quiver_meta WHERE key >= ?1 AND key < ?1 || char(1114111) ORDER BY key, part', sqlPrefix);
    const grouped = new Map<string, string[]>();
    for (const r of rows) {
      if (!r.key.startsWith(prefix)) continue;
      let parts = grouped.get(r.key);
      if (!parts) grouped.set(r.key, (parts = []));
      parts.push(r.value);
    }
    const out: Array<[string, string]> = [...grouped].map(([k, parts]) => [k, decode(parts, k, this.label)]);
    return out.sort((a, b) => compareMetaKeys(a[0], b[0]));
  }

  async batch(ops: readonly MetaOp[]): Promise<void> {
    this.#check();
    checkMetaOps(ops);
    ops.forEach((op) => checkKey(op.key));
    this.storage.transactionSync(() => {
      for (const op of ops) {
        if (op.type === 'put') this.#write(op.key, op.value);
        else this.storage.sql.exec('DELETE FROM quiver_meta WHERE key = ?', op.key);
      }
    });
    await durable(this.storage);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #write(key: string, value: string): void {
    const text = JSON.stringify(value);
    this.storage.sql.exec('DELETE FROM quiver_meta WHERE key = ?', key);
    let at = 0;
    let part = 0;
    do {
      // Never split a surrogate pair across rows (each row is stored as UTF-8).
      let end = Math.min(text.length, at + PART_CHARS);
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      this.storage.sql.exec('INSERT INTO quiver_meta (key, part, value) VALUES (?, ?, ?)', key, part++, text.slice(at, end));
      at = end;
    } while (at < text.length);
  }

  #check(): void {
    if (this.#closed) throw new QuiverError(ErrorCode.Closed, `${this.label}: meta store is closed`);
  }
}

/** Keys are stored as SQLite TEXT (UTF-8), so they must be well-formed UTF-16. */
function checkKey(key: unknown): asserts key is string {
  checkMetaKey(key);
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(key)) {
    throw new QuiverError(ErrorCode.InvalidParameter, `meta key ${JSON.stringify(key)} has a lone surrogate (keys are stored as UTF-8)`);
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function decode(parts: string[], key: string, label: string): string {
  try {
    const v = JSON.parse(parts.join('')) as unknown;
    if (typeof v === 'string') return v;
  } catch {
    // reported below
  }
  throw new QuiverError(ErrorCode.Corrupted, `${label}: meta value of ${JSON.stringify(key)} is not the JSON string this store writes`);
}
