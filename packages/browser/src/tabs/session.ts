import { ErrorCode, QuiverError, isQuiverError } from '@quiver/core';
import type { QuiverClient, RequestBody } from '@quiver/core';
import { lockDatabase, lockName } from '../storage/lock.js';
import type { DatabaseLock } from '../storage/lock.js';
import { remoteSearchIterator } from './backend.js';
import type { ClientBackend } from './backend.js';
import { runOnClient } from './dispatch.js';
import { LeaderLink } from './link.js';
import { channelName } from './protocol.js';
import type { TabMethod } from './protocol.js';
import { TabServer } from './serve.js';

/** Opens the database in this tab once it holds the database's Web Lock (the storage releases the lock on close). */
export type OpenLeader = (lock: DatabaseLock) => Promise<QuiverClient>;

/**
 * One tab's share of a database several tabs use (`open({ uri, tabs: 'share' })`). The tab that
 * holds the database's Web Lock leads: it opens the database and runs the other tabs' calls
 * (TabServer). Every other tab forwards its calls to the leader (LeaderLink) and queues for the
 * lock; when the leader goes away, the first tab in the queue takes the lock, opens the database
 * (replaying the WAL) and leads. Two tabs never have the database open at once: the lock decides.
 */
export class TabSession implements ClientBackend {
  readonly #name: string;
  readonly #where: string;
  readonly #openLeader: OpenLeader;
  readonly #channel: BroadcastChannel;
  readonly #link: LeaderLink;
  readonly #tab = crypto.randomUUID();
  readonly #queue = new AbortController();
  #server: TabServer | undefined;
  #local: QuiverClient | undefined;
  #leading: Promise<void> | undefined;
  /** Settles once this tab left the lock queue (granted or aborted). */
  #queued: Promise<void> = Promise.resolve();
  #failed: unknown;
  #closing: Promise<void> | undefined;

  private constructor(name: string, timeoutMs: number, openLeader: OpenLeader) {
    this.#name = name;
    this.#where = `idb://${name}`;
    this.#openLeader = openLeader;
    this.#channel = new BroadcastChannel(channelName(name));
    this.#link = new LeaderLink(this.#channel, this.#tab, this.#where, timeoutMs);
  }

  /**
   * Joins the tabs sharing database `name`: leads when its lock is free (opening the database with
   * `openLeader`), else follows the leader. Fails with `Locked` when the tab holding the lock does
   * not share it (no leader answers within `timeoutMs`).
   */
  static async join(name: string, timeoutMs: number, openLeader: OpenLeader): Promise<TabSession> {
    const s = new TabSession(name, timeoutMs, openLeader);
    const lock = await lockDatabase(name).catch((e: unknown) => {
      if (isQuiverError(e) && e.code === ErrorCode.Locked) return undefined;
      throw e;
    });
    if (lock) {
      await s.#lead(lock);
      if (s.#failed !== undefined) {
        await s.close({ flush: false });
        throw s.#failed;
      }
      return s;
    }
    s.#queueForLock();
    const found = await Promise.race([s.#link.found(timeoutMs), new Promise<boolean>((r) => s.#queue.signal.addEventListener('abort', () => r(true)))]);
    if (!found && s.#leading === undefined) {
      await s.close({ flush: false });
      throw new QuiverError(
        ErrorCode.Locked,
        `${s.#where} is open in another tab or worker of this origin that does not share it (it holds the Web Lock "${lockName(name)}" but no leader answered within ${timeoutMs} ms); open it there with tabs: 'share' too, or close it there`,
      );
    }
    return s;
  }

  /** True while this tab leads (holds the lock and has the database open). */
  get leading(): boolean {
    return this.#local !== undefined;
  }

  invoke(method: TabMethod, args: readonly unknown[]): Promise<unknown> {
    if (this.#closing) return Promise.reject(new QuiverError(ErrorCode.Closed, 'the database is closed'));
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    if (this.#local) return runOnClient(this.#local, method, args);
    return this.#link.send(method, args);
  }

  searchIterator(body: RequestBody): AsyncGenerator<Array<Record<string, unknown>>> {
    if (this.#local && !this.#closing) return this.#local.searchIterator(body);
    return remoteSearchIterator((m, a) => this.invoke(m, a), body);
  }

  /**
   * Leaves: a follower stops forwarding and leaves the lock queue; the leader stops taking calls,
   * finishes those under way, and closes the database (releasing the lock to the next tab).
   */
  close(opts: { flush?: boolean } = {}): Promise<void> {
    this.#closing ??= (async () => {
      this.#queue.abort();
      await this.#queued;
      await this.#leading;
      await this.#server?.stop();
      this.#link.close(new QuiverError(ErrorCode.Closed, 'the database is closed'));
      try {
        await this.#local?.close(opts);
      } finally {
        this.#local = undefined;
        this.#channel.close();
      }
    })();
    return this.#closing;
  }

  /** Waits in the lock queue; leads once the lock is granted (unless closed by then). */
  #queueForLock(): void {
    this.#queued = lockDatabase(this.#name, { lock: 'wait', signal: this.#queue.signal }).then(
      async (lock) => {
        if (this.#closing) return lock.release();
        this.#leading = this.#lead(lock);
        this.#queue.abort(); // tells join() that this tab leads now
      },
      () => undefined, // aborted on close
    );
  }

  /** Holds the lock: announces this tab, opens the database, runs the calls left waiting, serves. */
  async #lead(lock: DatabaseLock): Promise<void> {
    const server = new TabServer(this.#channel, this.#tab);
    this.#server = server;
    let local: QuiverClient;
    try {
      local = await this.#openLeader(lock);
    } catch (e) {
      // Nobody can use the database through this tab; the storage released the lock.
      this.#failed = e;
      await server.stop();
      this.#link.close(e);
      return;
    }
    this.#local = local;
    for (const p of this.#link.detach()) runOnClient(local, p.method, p.args).then(p.resolve, p.reject);
    server.ready(local);
  }
}
