// MetaStore on Deno KV. The catalog is small and read at open, so the store keeps it in memory
// and persists changes as a log: each put/delete/batch is one log record (a chunked blob of its
// ops, JSON, which keeps every string exact) made visible by moving the head in the same atomic
// operation as its last part; every 64 records (or 1 MiB) a snapshot of the whole map replaces
// the log. Any batch size is atomic, whatever Deno KV's per-operation limits.
import { ErrorCode, QuiverError, applyMetaOps, checkMetaKey, checkMetaOps, checkMetaPrefix, checkMetaValue, compareMetaKeys, type MetaOp, type MetaStore } from '@quiver/core';
import { blobMutations, readBlob, type KvLease } from './kv-blobs.js';

interface Head {
  /** Last committed log record. */
  readonly seq: number;
  /** Snapshot generation (0: none) and the log record it includes. */
  readonly snap: number;
  readonly snapSeq: number;
}

const SNAPSHOT_RECORDS = 64;
const SNAPSHOT_BYTES = 1024 * 1024;
const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

/** A {@link MetaStore} in Deno KV under `[ns, 'meta', …]`. */
export class KvMetaStore implements MetaStore {
  #closed = false;
  #queue: Promise<unknown> = Promise.resolve();
  #logBytes = 0;

  private constructor(private readonly lease: KvLease, private readonly ns: string, private readonly map: Map<string, string>, private head: Head) {}

  /** Loads the snapshot and the log after it. */
  static async open(lease: KvLease, ns: string): Promise<KvMetaStore> {
    const kv = lease.kv;
    const head = (await kv.get<Head>([ns, 'meta', 'head'])).value ?? { seq: 0, snap: 0, snapSeq: 0 };
    const map = new Map<string, string>();
    if (head.snap > 0) {
      const bytes = await readBlob(kv, [ns, 'meta', 'snap', head.snap], `${lease.label}: catalog snapshot ${head.snap}`);
      if (!bytes) throw new QuiverError(ErrorCode.Corrupted, `${lease.label}: catalog snapshot ${head.snap} is missing`);
      for (const [k, v] of JSON.parse(utf8d.decode(bytes)) as Array<[string, string]>) map.set(k, v);
    }
    const store = new KvMetaStore(lease, ns, map, head);
    for (let seq = head.snapSeq + 1; seq <= head.seq; seq++) {
      const bytes = await readBlob(kv, [ns, 'meta', 'log', seq], `${lease.label}: catalog log record ${seq}`);
      if (!bytes) throw new QuiverError(ErrorCode.Corrupted, `${lease.label}: catalog log record ${seq} is missing`);
      applyMetaOps(map, JSON.parse(utf8d.decode(bytes)) as MetaOp[]);
      store.#logBytes += bytes.length;
    }
    // Leftovers of a snapshot that crashed before its cleanup finished.
    await lease.deletePrefix([ns, 'meta', 'log'], [ns, 'meta', 'log', head.snapSeq + 1]);
    return store;
  }

  async get(key: string): Promise<string | undefined> {
    this.#check();
    checkMetaKey(key);
    return this.map.get(key);
  }

  async put(key: string, value: string): Promise<void> {
    this.#check();
    checkMetaKey(key);
    checkMetaValue(key, value);
    return this.#write([{ type: 'put', key, value }]);
  }

  async delete(key: string): Promise<void> {
    this.#check();
    checkMetaKey(key);
    return this.#write([{ type: 'delete', key }]);
  }

  async scan(prefix: string): Promise<Array<[string, string]>> {
    this.#check();
    checkMetaPrefix(prefix);
    const out: Array<[string, string]> = [];
    for (const [k, v] of this.map) if (k.startsWith(prefix)) out.push([k, v]);
    return out.sort((a, b) => compareMetaKeys(a[0], b[0]));
  }

  async batch(ops: readonly MetaOp[]): Promise<void> {
    this.#check();
    checkMetaOps(ops);
    return this.#write(ops.map((o) => (o.type === 'put' ? { type: 'put', key: o.key, value: o.value } : { type: 'delete', key: o.key })));
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue.catch(() => undefined);
  }

  /** Writes run one at a time, in call order. */
  #write(ops: MetaOp[]): Promise<void> {
    const run = this.#queue.then(() => this.#commit(ops));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #commit(ops: MetaOp[]): Promise<void> {
    if (ops.length === 0) return;
    const seq = this.head.seq + 1;
    const bytes = utf8.encode(JSON.stringify(ops));
    const head: Head = { ...this.head, seq };
    await this.lease.commit([...blobMutations([this.ns, 'meta', 'log', seq], bytes), { key: [this.ns, 'meta', 'head'], value: head }]);
    this.head = head;
    applyMetaOps(this.map, ops);
    this.#logBytes += bytes.length;
    // The write is durable; a snapshot that fails is tried again after the next one.
    if (seq - head.snapSeq >= SNAPSHOT_RECORDS || this.#logBytes >= SNAPSHOT_BYTES) await this.#snapshot().catch(() => undefined);
  }

  async #snapshot(): Promise<void> {
    const old = this.head;
    const head: Head = { seq: old.seq, snap: old.snap + 1, snapSeq: old.seq };
    const bytes = utf8.encode(JSON.stringify([...this.map]));
    await this.lease.commit([...blobMutations([this.ns, 'meta', 'snap', head.snap], bytes), { key: [this.ns, 'meta', 'head'], value: head }]);
    this.head = head;
    this.#logBytes = 0;
    await this.lease.deletePrefix([this.ns, 'meta', 'log'], [this.ns, 'meta', 'log', head.snapSeq + 1]);
    if (old.snap > 0) await this.lease.deletePrefix([this.ns, 'meta', 'snap', old.snap]);
  }

  #check(): void {
    if (this.#closed) throw new QuiverError(ErrorCode.Closed, `${this.lease.label}: meta store is closed`);
  }
}
