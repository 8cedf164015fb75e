import { readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, QuiverError, applyMetaOps, checkMetaKey, checkMetaOps, checkMetaPrefix, checkMetaValue, compareMetaKeys } from '@quiver/core';
import type { MetaOp, MetaStore } from '@quiver/core';
import { decodeCatalog, encodeCatalog } from './catalog-file.js';
import { errno, fsyncDir, ioFailed, mkdirDurable, writeFileSynced } from './fs-util.js';

interface Pending {
  readonly ops: readonly MetaOp[];
  resolve(): void;
  reject(e: unknown): void;
}

/** The catalog snapshot's name inside the data folder. */
export const CATALOG_FILE = 'catalog.qmeta';

/**
 * The catalog as one snapshot file `<dir>/catalog.qmeta` (format: docs/formats.md), rewritten
 * atomically (tmp → fsync → rename → fsync folder) for every change; reads come from a sorted copy
 * in memory. Writes are applied in call order; those arriving while a snapshot is being written
 * share the next one.
 */
export class FileMetaStore implements MetaStore {
  readonly #path: string;
  readonly #dir: string;
  #map: Map<string, string>;
  #sorted: Array<[string, string]>;
  #pending: Pending[] = [];
  #running = false;
  #idle: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(dir: string, entries: Array<[string, string]>) {
    this.#dir = dir;
    this.#path = join(dir, CATALOG_FILE);
    this.#sorted = entries;
    this.#map = new Map(entries);
  }

  /** Opens (creating when absent) the catalog in `dir`; a leftover tmp file of a crashed write is removed. */
  static async open(dir: string): Promise<FileMetaStore> {
    const path = join(dir, CATALOG_FILE);
    let bytes: Uint8Array | undefined;
    try {
      await mkdirDurable(dir);
      await unlink(`${path}.tmp`).catch((e: unknown) => (errno(e) === 'ENOENT' ? undefined : Promise.reject(e)));
      bytes = await readFile(path).catch((e: unknown) => (errno(e) === 'ENOENT' ? undefined : Promise.reject(e)));
    } catch (e) {
      throw ioFailed(`cannot open the catalog ${path}`, e);
    }
    return new FileMetaStore(dir, bytes === undefined ? [] : decodeCatalog(bytes, path));
  }

  async get(key: string): Promise<string | undefined> {
    this.#check();
    checkMetaKey(key);
    return this.#map.get(key);
  }

  async put(key: string, value: string): Promise<void> {
    this.#check();
    checkMetaKey(key);
    checkMetaValue(key, value);
    return this.#commit([{ type: 'put', key, value }]);
  }

  async delete(key: string): Promise<void> {
    this.#check();
    checkMetaKey(key);
    return this.#commit([{ type: 'delete', key }]);
  }

  async scan(prefix: string): Promise<Array<[string, string]>> {
    this.#check();
    checkMetaPrefix(prefix);
    const s = this.#sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareMetaKeys(s[mid]![0], prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: Array<[string, string]> = [];
    for (let i = lo; i < s.length && s[i]![0].startsWith(prefix); i++) out.push([s[i]![0], s[i]![1]]);
    return out;
  }

  async batch(ops: readonly MetaOp[]): Promise<void> {
    this.#check();
    checkMetaOps(ops);
    if (ops.length === 0) return;
    return this.#commit(ops.map((o) => ({ ...o })));
  }

  /** Waits for queued writes, then refuses further calls. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#idle;
  }

  #check(): void {
    if (this.#closed) throw new QuiverError(ErrorCode.Closed, `catalog ${this.#path} is closed`);
  }

  #commit(ops: readonly MetaOp[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ ops, resolve, reject });
      if (!this.#running) {
        this.#running = true;
        this.#idle = this.#drain();
      }
    });
  }

  /** Writes snapshots until no change is waiting; each covers every change queued before it. */
  async #drain(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const group = this.#pending.splice(0);
        const next = new Map(this.#map);
        for (const p of group) applyMetaOps(next, p.ops);
        const sorted = [...next].sort((a, b) => compareMetaKeys(a[0], b[0]));
        try {
          await this.#writeSnapshot(encodeCatalog(sorted));
        } catch (e) {
          const err = ioFailed(`cannot write the catalog ${this.#path}`, e);
          for (const p of group) p.reject(err);
          continue;
        }
        this.#map = next;
        this.#sorted = sorted;
        for (const p of group) p.resolve();
      }
    } finally {
      this.#running = false;
    }
  }

  async #writeSnapshot(bytes: Uint8Array): Promise<void> {
    const tmp = `${this.#path}.tmp`;
    await writeFileSynced(tmp, bytes);
    await rename(tmp, this.#path);
    await fsyncDir(this.#dir);
  }
}
