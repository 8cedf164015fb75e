import { ErrorCode, QuiverError } from '@quiver/core';
import type { QuiverClient } from '@quiver/core';
import { runOnClient } from './dispatch.js';
import { toWire } from './protocol.js';
import type { TabMessage, TabMethod } from './protocol.js';

const PING_MS = 1000;
const KEEP_DONE = 10_000;
const ITERATOR_IDLE_MS = 10 * 60_000;

/**
 * The leader's side of tab sharing: announces this tab as leader (at once, then every second),
 * and once {@link ready} runs the requests other tabs post, acknowledging each first. A request
 * seen again (a follower resends until acknowledged) is acknowledged again or ignored, never run
 * twice. {@link stop} says goodbye, refuses new requests and waits for those under way.
 */
export class TabServer {
  readonly #channel: BroadcastChannel;
  readonly #tab: string;
  #client: QuiverClient | undefined;
  #stopped = false;
  readonly #running = new Map<string, Promise<void>>();
  /** Requests already answered (keys only: the answer went out before any copy of the request could arrive again). */
  readonly #done = new Set<string>();
  readonly #iterators = new Map<string, { gen: AsyncGenerator<Array<Record<string, unknown>>>; used: number }>();
  readonly #timer: ReturnType<typeof setInterval>;
  readonly #onMessage = (e: MessageEvent<TabMessage>) => this.#handle(e.data);

  /** Starts announcing `tab` as the leader on `channel` (not ready until {@link ready}). */
  constructor(channel: BroadcastChannel, tab: string) {
    this.#channel = channel;
    this.#tab = tab;
    channel.addEventListener('message', this.#onMessage);
    this.#announce();
    this.#timer = setInterval(() => {
      this.#announce();
      this.#expireIterators();
    }, PING_MS);
  }

  /** The database is open: run requests with `client` from now on. */
  ready(client: QuiverClient): void {
    this.#client = client;
    this.#announce();
  }

  /** Stops answering new requests, tells the followers, and waits for the requests under way. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#timer);
    this.#post({ t: 'bye', tab: this.#tab });
    await Promise.allSettled([...this.#running.values()]);
    this.#channel.removeEventListener('message', this.#onMessage);
    for (const { gen } of this.#iterators.values()) void gen.return(undefined).catch(() => undefined);
    this.#iterators.clear();
  }

  #announce(): void {
    if (!this.#stopped) this.#post({ t: 'leader', tab: this.#tab, ready: this.#client !== undefined });
  }

  #handle(m: TabMessage): void {
    if (this.#stopped) return;
    if (m.t === 'who') return this.#announce();
    if (m.t !== 'req' || this.#client === undefined) return;
    const key = `${m.tab}:${m.id}`;
    if (this.#done.has(key)) return;
    this.#post({ t: 'ack', tab: this.#tab, to: m.tab, id: m.id });
    if (this.#running.has(key)) return;
    const run = this.#run(this.#client, m.method, m.args).then(
      (value) => this.#answer(key, { t: 'res', tab: this.#tab, to: m.tab, id: m.id, ok: true, value }),
      (e: unknown) => this.#answer(key, { t: 'res', tab: this.#tab, to: m.tab, id: m.id, ok: false, error: toWire(e) }),
    );
    this.#running.set(key, run);
    void run.finally(() => this.#running.delete(key));
  }

  #answer(key: string, res: TabMessage & { t: 'res' }): void {
    this.#done.add(key);
    if (this.#done.size > KEEP_DONE) this.#done.delete(this.#done.keys().next().value!);
    try {
      this.#channel.postMessage(res);
    } catch (e) {
      // The result cannot be cloned (it should always be plain data): answer with the reason.
      this.#post({ t: 'res', tab: res.tab, to: res.to, id: res.id, ok: false, error: toWire(new QuiverError(ErrorCode.Unexpected, `the leader tab cannot send the result: ${(e as Error).message}`)) });
    }
  }

  async #run(client: QuiverClient, method: TabMethod, args: readonly unknown[]): Promise<unknown> {
    const a = args as unknown[];
    switch (method) {
      case 'iterOpen': {
        const id = crypto.randomUUID();
        this.#iterators.set(id, { gen: client.searchIterator(a[0] as Record<string, unknown>), used: Date.now() });
        return id;
      }
      case 'iterNext': {
        const it = this.#iterator(a[0]);
        it.used = Date.now();
        const r = await it.gen.next();
        if (r.done) this.#iterators.delete(a[0] as string);
        return r.done ? null : r.value;
      }
      case 'iterClose': {
        const it = this.#iterators.get(a[0] as string);
        this.#iterators.delete(a[0] as string);
        await it?.gen.return(undefined);
        return null;
      }
      default:
        return runOnClient(client, method, args);
    }
  }

  #iterator(id: unknown): { gen: AsyncGenerator<Array<Record<string, unknown>>>; used: number } {
    const it = typeof id === 'string' ? this.#iterators.get(id) : undefined;
    if (!it) throw new QuiverError(ErrorCode.ServiceNotReady, 'the search iterator is gone (the leader tab changed or it was idle for 10 minutes); start a new one');
    return it;
  }

  #expireIterators(): void {
    const old = Date.now() - ITERATOR_IDLE_MS;
    for (const [id, it] of this.#iterators) {
      if (it.used >= old) continue;
      this.#iterators.delete(id);
      void it.gen.return(undefined).catch(() => undefined);
    }
  }

  #post(m: TabMessage): void {
    this.#channel.postMessage(m);
  }
}
