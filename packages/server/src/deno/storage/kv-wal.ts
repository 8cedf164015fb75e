// Wal on Deno KV: each record a chunked blob at `[ns, 'wal', 'rec', lsn]`; an append becomes
// visible (and durable: Deno KV commits are) when the head `{next}` moves, in the same atomic
// operation as the append's last part. Records past the head are leftovers of an append that
// never returned; the next append overwrites them.
import { ErrorCode, QuiverError, checkLsn, checkWalRecords, type Wal, type WalEntry } from '@quiver/core';
import { blobMutations, readBlob, type KvLease } from './kv-blobs.js';

/** A {@link Wal} in Deno KV under `[ns, 'wal', …]`. */
export class KvWal implements Wal {
  #closed = false;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly lease: KvLease, private readonly ns: string, private next: number) {}

  /** Reads the head. */
  static async open(lease: KvLease, ns: string): Promise<KvWal> {
    const head = (await lease.kv.get<{ next: number }>([ns, 'wal', 'head'])).value;
    return new KvWal(lease, ns, head?.next ?? 1);
  }

  async append(records: readonly Uint8Array[]): Promise<number[]> {
    this.#check();
    checkWalRecords(records);
    if (records.length === 0) return [];
    const copies = records.map((r) => r.slice());
    const run = this.#queue.then(async () => {
      const first = this.next;
      const mutations = copies.flatMap((r, i) => blobMutations([this.ns, 'wal', 'rec', first + i], r));
      await this.lease.commit([...mutations, { key: [this.ns, 'wal', 'head'], value: { next: first + copies.length } }]);
      this.next = first + copies.length;
      return copies.map((_, i) => first + i);
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async *read(fromLsn: number): AsyncIterable<WalEntry> {
    this.#check();
    checkLsn('read fromLsn', fromLsn);
    let min: number | undefined;
    for await (const e of this.lease.kv.list({ prefix: [this.ns, 'wal', 'rec'] }, { limit: 1 })) min = e.key[3] as number;
    if (min === undefined) return;
    for (let lsn = Math.max(fromLsn, min); lsn < this.next; lsn++) {
      this.#check();
      const data = await readBlob(this.lease.kv, [this.ns, 'wal', 'rec', lsn], `${this.lease.label}: WAL record ${lsn}`);
      if (!data) throw new QuiverError(ErrorCode.Corrupted, `${this.lease.label}: WAL record ${lsn} is missing (the log has a hole)`);
      yield { lsn, data };
    }
  }

  async truncate(beforeLsn: number): Promise<void> {
    this.#check();
    checkLsn('truncate beforeLsn', beforeLsn);
    const run = this.#queue.then(() => this.lease.deletePrefix([this.ns, 'wal', 'rec'], [this.ns, 'wal', 'rec', Math.min(beforeLsn, this.next)]));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  nextLsn(): number {
    this.#check();
    return this.next;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#queue;
    this.#closed = true;
  }

  #check(): void {
    if (this.#closed) throw new QuiverError(ErrorCode.Closed, `${this.lease.label}: WAL is closed`);
  }
}
