/** What a {@link GroupCommitQueue} runs: the WAL's own write and truncation. */
export interface GroupCommitTarget<Batch> {
  /**
   * Makes a group of appends durable at once (one write + sync, one transaction) and resolves with
   * the LSNs of each append, in order; a rejection fails every append of the group.
   */
  write(group: Batch[], bytes: number): Promise<number[][]>;
  /** Drops records before `before`. */
  truncate(before: number): Promise<void>;
}

type Job<Batch> =
  | { readonly kind: 'append'; readonly batch: Batch; readonly bytes: number; resolve(lsns: number[]): void; reject(e: unknown): void }
  | { readonly kind: 'truncate'; readonly before: number; resolve(): void; reject(e: unknown): void };
type AppendJob<Batch> = Extract<Job<Batch>, { kind: 'append' }>;

/**
 * Group commit for a WAL: appends and truncations run one at a time in call order, and appends
 * that queue up while a job runs are written together by the next one, up to `groupBytes` per
 * group (a larger single append still goes alone). Each append resolves once its group is durable.
 */
export class GroupCommitQueue<Batch> {
  readonly #target: GroupCommitTarget<Batch>;
  readonly #groupBytes: number;
  #queue: Array<Job<Batch>> = [];
  #running = false;
  #idle: Promise<void> = Promise.resolve();
  #closing: Promise<void> | undefined;

  constructor(target: GroupCommitTarget<Batch>, groupBytes: number) {
    this.#target = target;
    this.#groupBytes = groupBytes;
  }

  /** Queues an append of `bytes` bytes; resolves with its LSNs once durable. */
  append(batch: Batch, bytes: number): Promise<number[]> {
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'append', batch, bytes, resolve, reject }));
  }

  /** Queues a truncation before `before`, run after every job queued earlier. */
  truncate(before: number): Promise<void> {
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'truncate', before, resolve, reject }));
  }

  /**
   * Waits for every job queued so far, then runs `finish` (closing the WAL's file or connection),
   * once: later calls return the first call's promise. The WAL refuses new jobs itself.
   */
  close(finish: () => void | Promise<void>): Promise<void> {
    this.#closing ??= this.#idle.then(finish);
    return this.#closing;
  }

  #enqueue(job: Job<Batch>): void {
    this.#queue.push(job);
    if (!this.#running) {
      this.#running = true;
      this.#idle = this.#drain();
    }
  }

  /** Runs queued jobs in order; consecutive appends share one write. */
  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const head = this.#queue[0]!;
        if (head.kind === 'truncate') {
          this.#queue.shift();
          try {
            await this.#target.truncate(head.before);
            head.resolve();
          } catch (e) {
            head.reject(e);
          }
          continue;
        }
        let n = 0;
        let bytes = 0;
        for (const j of this.#queue) {
          if (j.kind !== 'append' || (n > 0 && bytes + j.bytes > this.#groupBytes)) break;
          n++;
          bytes += j.bytes;
        }
        const group = this.#queue.splice(0, n) as Array<AppendJob<Batch>>;
        try {
          const lsns = await this.#target.write(group.map((j) => j.batch), bytes);
          group.forEach((j, i) => j.resolve(lsns[i]!));
        } catch (e) {
          for (const j of group) j.reject(e);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}
