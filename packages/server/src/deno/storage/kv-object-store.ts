// ObjectStore on Deno KV: a blob's bytes are chunked under `[ns, 'obj', 'd', path, gen]` and
// become visible when its manifest `[ns, 'obj', 'm', path] = {gen, size}` is set, in the same
// atomic operation as the last part; the previous generation is deleted after. A pending marker
// written with the first part and removed with the last lets open() delete the parts of puts
// that never finished.
import {
  ErrorCode,
  QuiverError,
  checkObjectData,
  checkObjectPath,
  checkObjectPrefix,
  objectIsFolderError,
  objectNotFoundError,
  objectUnderObjectError,
  type ObjectStore,
} from '@quiver/core';
import { blobMutations, readBlob, type KvLease } from './kv-blobs.js';

interface Manifest {
  readonly gen: string;
  readonly size: number;
}

/** A {@link ObjectStore} in Deno KV under `[ns, 'obj', …]`. */
export class KvObjectStore implements ObjectStore {
  #closed = false;
  /** Puts and deletes of one path run one at a time. */
  readonly #locks = new Map<string, Promise<unknown>>();

  private constructor(private readonly lease: KvLease, private readonly ns: string) {}

  /** Opens the store and deletes the parts of unfinished puts. */
  static async open(lease: KvLease, ns: string): Promise<KvObjectStore> {
    for await (const e of lease.kv.list<string>({ prefix: [ns, 'obj', 'p'] })) {
      const gen = e.key[3] as string;
      await lease.deletePrefix([ns, 'obj', 'd', e.value, gen]);
      await lease.kv.delete(e.key);
    }
    return new KvObjectStore(lease, ns);
  }

  async put(path: string, data: Uint8Array): Promise<void> {
    this.#check();
    const segments = checkObjectPath(path);
    checkObjectData(path, data);
    const copy = data.slice();
    return this.#serial(path, async () => {
      const kv = this.lease.kv;
      for await (const _ of kv.list({ prefix: [this.ns, 'obj', 'm'], start: [this.ns, 'obj', 'm', `${path}/`] }, { limit: 1 })) {
        if ((_.key[3] as string).startsWith(`${path}/`)) throw objectIsFolderError(path);
      }
      for (let i = 1; i < segments.length; i++) {
        const parent = segments.slice(0, i).join('/');
        if ((await kv.get([this.ns, 'obj', 'm', parent])).value !== null) throw objectUnderObjectError(path, parent);
      }
      this.#check();
      const old = (await kv.get<Manifest>([this.ns, 'obj', 'm', path])).value;
      const gen = crypto.randomUUID();
      const pending = [this.ns, 'obj', 'p', gen];
      await this.lease.commit([
        { key: pending, value: path },
        ...blobMutations([this.ns, 'obj', 'd', path, gen], copy),
        { key: [this.ns, 'obj', 'm', path], value: { gen, size: copy.length } satisfies Manifest },
        { key: pending, delete: true },
      ]);
      if (old) await this.lease.deletePrefix([this.ns, 'obj', 'd', path, old.gen]);
    });
  }

  async get(path: string): Promise<Uint8Array> {
    this.#check();
    checkObjectPath(path);
    const m = (await this.lease.kv.get<Manifest>([this.ns, 'obj', 'm', path])).value;
    if (!m) throw objectNotFoundError(path);
    const bytes = await readBlob(this.lease.kv, [this.ns, 'obj', 'd', path, m.gen], `${this.lease.label}: object ${JSON.stringify(path)}`);
    if (!bytes) {
      // Replaced or deleted while we read: read the current state again.
      if ((await this.lease.kv.get<Manifest>([this.ns, 'obj', 'm', path])).value?.gen !== m.gen) return this.get(path);
      throw new QuiverError(ErrorCode.Corrupted, `${this.lease.label}: object ${JSON.stringify(path)} has a manifest but no data`);
    }
    return bytes;
  }

  async delete(path: string): Promise<void> {
    this.#check();
    checkObjectPath(path);
    return this.#serial(path, async () => {
      const m = (await this.lease.kv.get<Manifest>([this.ns, 'obj', 'm', path])).value;
      if (!m) return;
      await this.lease.commit([{ key: [this.ns, 'obj', 'm', path], delete: true }]);
      await this.lease.deletePrefix([this.ns, 'obj', 'd', path, m.gen]);
    });
  }

  async list(prefix: string): Promise<string[]> {
    this.#check();
    checkObjectPrefix(prefix);
    const out: string[] = [];
    // Deno KV orders string parts by UTF-8 bytes: every path starting with `prefix` is in this range.
    const selector = prefix === '' ? { prefix: [this.ns, 'obj', 'm'] } : { start: [this.ns, 'obj', 'm', prefix], end: [this.ns, 'obj', 'm', `${prefix}\u{10FFFF}`] };
    for await (const e of this.lease.kv.list(selector)) {
      const p = e.key[3] as string;
      if (p.startsWith(prefix)) out.push(p);
    }
    return out.sort();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#locks.values()]);
  }

  #serial<T>(path: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.#locks.get(path) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.#locks.set(path, tail);
    void tail.then(() => this.#locks.get(path) === tail && this.#locks.delete(path));
    return run;
  }

  #check(): void {
    if (this.#closed) throw new QuiverError(ErrorCode.Closed, `${this.lease.label}: object store is closed`);
  }
}
