import type { WasmSource } from './index/wasm-module.js';
import type { DataNode, IndexNode, QueryNodeLauncher } from './roles.js';
import type { Storage } from './storage/types.js';

/** Wall-clock time, injected so logic never sniffs the runtime (and tests can move time). */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The system clock, from `Date.now()` (an ECMAScript built-in, present everywhere). */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * Everything the engine needs from the platform it runs on. Each adapter package (`@quiver/node`,
 * `@quiver/browser`, the edge entries) builds one; core never reaches a platform global.
 */
export interface Platform {
  /** Opens (creating when absent) the storage named by `uri`; throws QuiverError for unknown schemes. */
  openStorage(uri: string): Promise<Storage>;
  readonly clock: Clock;
  /** Quiver's wasm module (bytes or a precompiled module) for the ANN engine; without it, search is unavailable. */
  wasm?(): Promise<WasmSource>;
  /** An IndexNode running elsewhere (a Web Worker); without it index builds run in this process. */
  indexNode?(): IndexNode;
  /**
   * QueryNodes running elsewhere (Web Workers, worker threads) that serve sealed segments; without
   * it (or when it returns undefined) this process searches every segment itself.
   */
  queryNodes?(): QueryNodeLauncher | undefined;
  /** A DataNode running elsewhere (a Web Worker writing with sync OPFS handles); without it segment files are written here. */
  dataNode?(): DataNode | undefined;
  /** Lets queued work (requests, I/O) run before resolving; it must keep the process alive while pending. */
  yieldToEventLoop?(): Promise<void>;
  /** Schedules `fn` after `ms` (background seal/flush ticks); returns a cancel function. */
  setTimer?(fn: () => void, ms: number): () => void;
}
