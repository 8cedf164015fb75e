// The wire between tabs sharing one database (BroadcastChannel `quiver:tabs:<name>`). Followers
// post requests; the leader (the tab holding the database's Web Lock) acknowledges, runs and
// answers them. Every message is structured-clone data.
import { ErrorCode, QuiverError, isQuiverError } from '@quiver/core';
import type { ErrorCodeValue } from '@quiver/core';

/** The client calls a follower forwards: `call(route, body)` carries every Milvus verb. */
export type TabMethod = 'call' | 'initAuth' | 'authenticate' | 'authorize' | 'waitForIdle' | 'queryNodes' | 'iterOpen' | 'iterNext' | 'iterClose';

/** Methods a leader runs for other tabs (anything else is refused). */
export const TAB_METHODS: ReadonlySet<string> = new Set<TabMethod>(['call', 'initAuth', 'authenticate', 'authorize', 'waitForIdle', 'queryNodes', 'iterOpen', 'iterNext', 'iterClose']);

/** An error as it crosses the channel. */
export interface WireError {
  readonly name: string;
  readonly code?: number;
  readonly message: string;
}

/** Messages on the channel. `tab` is the sender's id; `to` names the follower an answer is for. */
export type TabMessage =
  /** A follower looking for the leader. */
  | { readonly t: 'who' }
  /** The leader: on taking the lock (`ready` false while it opens the database), then every second. */
  | { readonly t: 'leader'; readonly tab: string; readonly ready: boolean }
  /** The leader is stepping down (closing): it answers no new requests. */
  | { readonly t: 'bye'; readonly tab: string }
  | { readonly t: 'req'; readonly tab: string; readonly id: number; readonly method: TabMethod; readonly args: readonly unknown[] }
  | { readonly t: 'ack'; readonly tab: string; readonly to: string; readonly id: number }
  | { readonly t: 'res'; readonly tab: string; readonly to: string; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly t: 'res'; readonly tab: string; readonly to: string; readonly id: number; readonly ok: false; readonly error: WireError };

/** The BroadcastChannel name of database `name`. */
export function channelName(name: string): string {
  return `quiver:tabs:${name}`;
}

/** An error as wire data (a QuiverError keeps its code). */
export function toWire(e: unknown): WireError {
  if (isQuiverError(e)) return { name: 'QuiverError', code: e.code, message: e.message };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

/** The error a follower throws for a wire error: the same QuiverError (code and message) the leader threw. */
export function fromWire(w: WireError): Error {
  if (w.name === 'QuiverError' && typeof w.code === 'number') return new QuiverError(w.code as ErrorCodeValue, w.message);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}

const READ_VERBS = /\/(list|describe|has|get|get_stats|get_load_state|get_compaction_state|query|search|hybrid_search)$/;

/** True for calls that change nothing, which may run again on a new leader after a hand-over. */
export function isRead(method: TabMethod, args: readonly unknown[]): boolean {
  if (method === 'call') return typeof args[0] === 'string' && READ_VERBS.test(args[0]);
  return method === 'authenticate' || method === 'authorize' || method === 'waitForIdle' || method === 'queryNodes';
}

/** The retryable error of a call caught in a leader hand-over or a silent leader. */
export function handOverError(what: string): QuiverError {
  return new QuiverError(ErrorCode.ServiceNotReady, what);
}
