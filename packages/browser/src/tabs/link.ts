import { ErrorCode, QuiverError } from '@quiver/core';
import { fromWire, handOverError, isRead } from './protocol.js';
import type { TabMessage, TabMethod } from './protocol.js';

const SWEEP_MS = 250;
const RESEND_MS = 1000;

/** A call forwarded to the leader and not answered yet. */
export interface PendingCall {
  readonly method: TabMethod;
  readonly args: readonly unknown[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Pending extends PendingCall {
  readonly id: number;
  readonly read: boolean;
  readonly sentAt: number;
  lastSend: number;
  /** The leader that acknowledged it (it is running there). */
  ackedBy: string | undefined;
  /** Already moved once to a new leader after a hand-over. */
  retried: boolean;
}

/**
 * A follower's side of tab sharing: forwards calls to whichever tab leads, resending each until
 * a leader acknowledges it (the leader never runs one twice). When the leader changes, calls the
 * old one acknowledged but did not answer are sent to the new one if they only read (once), and
 * fail with the retryable `ServiceNotReady` (code 1) if they write: they may or may not have been
 * applied. A call also fails with `ServiceNotReady` when no leader has been heard for `timeoutMs`.
 */
export class LeaderLink {
  readonly #channel: BroadcastChannel;
  readonly #tab: string;
  readonly #where: string;
  readonly #timeoutMs: number;
  #leader: { tab: string; ready: boolean; heard: number } | undefined;
  readonly #retired = new Set<string>();
  readonly #pending = new Map<number, Pending>();
  readonly #heard = new Set<() => void>();
  #nextId = 1;
  #timer: ReturnType<typeof setInterval> | undefined;
  #detached = false;
  readonly #onMessage = (e: MessageEvent<TabMessage>) => this.#handle(e.data);

  /** Listens on `channel` as tab `tab`; `where` names the database in errors. */
  constructor(channel: BroadcastChannel, tab: string, where: string, timeoutMs: number) {
    this.#channel = channel;
    this.#tab = tab;
    this.#where = where;
    this.#timeoutMs = timeoutMs;
    channel.addEventListener('message', this.#onMessage);
  }

  /** Asks who leads; resolves true once a leader is heard, false after `ms` without one. */
  found(ms: number): Promise<boolean> {
    if (this.#leader) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const done = (v: boolean) => {
        clearTimeout(timer);
        this.#heard.delete(heard);
        resolve(v);
      };
      const heard = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.#heard.add(heard);
      this.#post({ t: 'who' });
    });
  }

  /** Forwards one call to the leader. */
  send(method: TabMethod, args: readonly unknown[]): Promise<unknown> {
    if (this.#detached) return Promise.reject(new QuiverError(ErrorCode.Closed, `${this.#where}: this tab no longer forwards calls`));
    return new Promise((resolve, reject) => {
      const now = Date.now();
      const p: Pending = { id: this.#nextId++, method, args, read: isRead(method, args), sentAt: now, lastSend: now, ackedBy: undefined, retried: false, resolve, reject };
      try {
        this.#post({ t: 'req', tab: this.#tab, id: p.id, method, args });
      } catch (e) {
        reject(new QuiverError(ErrorCode.InvalidParameter, `${method}: the request cannot be sent to the leader tab (${(e as Error).message})`));
        return;
      }
      this.#pending.set(p.id, p);
      this.#timer ??= setInterval(() => this.#sweep(), SWEEP_MS);
    });
  }

  /**
   * This tab became the leader: stops forwarding and hands back the calls to run here (those no
   * leader acknowledged, and reads once); writes an old leader acknowledged fail as after a hand-over.
   */
  detach(): PendingCall[] {
    this.#detached = true;
    const mine: PendingCall[] = [];
    for (const p of this.#pending.values()) {
      if (p.ackedBy === undefined || (p.read && !p.retried)) mine.push(p);
      else p.reject(this.#lostError(p));
    }
    this.#stop();
    return mine;
  }

  /** Fails every call still waiting with `error` and stops listening. */
  close(error: unknown): void {
    this.#detached = true;
    for (const p of this.#pending.values()) p.reject(error);
    this.#stop();
  }

  #stop(): void {
    this.#pending.clear();
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#channel.removeEventListener('message', this.#onMessage);
  }

  #handle(m: TabMessage): void {
    switch (m.t) {
      case 'leader':
        if (!this.#retired.has(m.tab)) this.#leaderSeen(m.tab, m.ready);
        return;
      case 'bye':
        this.#retired.add(m.tab);
        if (this.#leader?.tab === m.tab) this.#leader = undefined;
        return;
      case 'ack': {
        if (m.to !== this.#tab) return;
        this.#heardFrom(m.tab);
        const p = this.#pending.get(m.id);
        if (p) p.ackedBy = m.tab;
        return;
      }
      case 'res': {
        if (m.to !== this.#tab) return;
        this.#heardFrom(m.tab);
        const p = this.#pending.get(m.id);
        if (!p) return;
        this.#pending.delete(m.id);
        if (m.ok) p.resolve(m.value);
        else p.reject(fromWire(m.error));
        return;
      }
      default:
        return;
    }
  }

  #leaderSeen(tab: string, ready: boolean): void {
    const before = this.#leader;
    if (before !== undefined && before.tab !== tab) this.#leaderChanged(tab);
    this.#leader = { tab, ready, heard: Date.now() };
    for (const f of [...this.#heard]) f();
    if (ready && (before?.tab !== tab || !before.ready)) this.#resend(true);
  }

  #leaderChanged(to: string): void {
    for (const p of this.#pending.values()) {
      if (p.ackedBy === undefined || p.ackedBy === to) continue;
      if (p.read && !p.retried) {
        p.retried = true;
        p.ackedBy = undefined;
      } else {
        this.#pending.delete(p.id);
        p.reject(this.#lostError(p));
      }
    }
  }

  #lostError(p: Pending): QuiverError {
    const what = p.method === 'call' ? String(p.args[0]) : p.method;
    return handOverError(`${what}: the leader tab of ${this.#where} went away while running it; it may or may not have been applied. Retry it (the next leader has taken over)`);
  }

  #heardFrom(tab: string): void {
    if (this.#leader?.tab === tab) this.#leader.heard = Date.now();
  }

  /** Sends again the calls no leader acknowledged (all of them, or those not sent for a while). */
  #resend(all: boolean): void {
    const now = Date.now();
    for (const p of this.#pending.values()) {
      if (p.ackedBy !== undefined || (!all && now - p.lastSend < RESEND_MS)) continue;
      p.lastSend = now;
      this.#post({ t: 'req', tab: this.#tab, id: p.id, method: p.method, args: p.args });
    }
  }

  #sweep(): void {
    const now = Date.now();
    const heard = this.#leader?.heard ?? 0;
    for (const p of this.#pending.values()) {
      if (now - Math.max(p.sentAt, heard) <= this.#timeoutMs) continue;
      this.#pending.delete(p.id);
      const what = p.method === 'call' ? String(p.args[0]) : p.method;
      p.reject(handOverError(`${what}: no leader tab of ${this.#where} answered for ${this.#timeoutMs} ms${p.ackedBy ? '; it may or may not have been applied' : ''}. Retry it`));
    }
    if (this.#leader?.ready) this.#resend(false);
    else if (this.#pending.size > 0) this.#post({ t: 'who' });
    if (this.#pending.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  #post(m: TabMessage): void {
    this.#channel.postMessage(m);
  }
}
