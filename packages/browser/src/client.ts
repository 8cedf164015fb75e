import { QuiverClient } from '@quiver/core';
import type { RequestBody, ROUTES, Route } from '@quiver/core';
import type { ClientBackend } from './tabs/backend.js';

/** Browser-only fields `getCollectionStatistics` adds: the origin's storage use, from `navigator.storage.estimate()`. */
export interface StorageEstimateFields {
  /** Bytes this origin stores (every database, cache and other storage of the origin), when the browser tells. */
  readonly storageUsage?: number;
  /** Bytes this origin may store, when the browser tells. */
  readonly storageQuota?: number;
}

/** The origin's storage use and quota; empty when the browser does not tell. */
export async function storageEstimate(): Promise<StorageEstimateFields> {
  if (typeof navigator === 'undefined' || typeof navigator.storage?.estimate !== 'function') return {};
  try {
    const { usage, quota } = await navigator.storage.estimate();
    return { ...(typeof usage === 'number' ? { storageUsage: usage } : {}), ...(typeof quota === 'number' ? { storageQuota: quota } : {}) };
  } catch {
    return {};
  }
}

/**
 * The client `@quiver/browser`'s `open()` returns: core's QuiverClient (same methods, bodies and
 * QuiverErrors) whose calls go to a backend — the database open in this tab, or, for a tab that
 * shares a database another tab leads, that tab over BroadcastChannel. `getCollectionStatistics`
 * adds the origin's `storageUsage` / `storageQuota`.
 *
 * Every QuiverClient method that reaches the engine directly rather than through `call` is
 * overridden here (a test checks each method against a client with no engine).
 */
export class BrowserClient extends QuiverClient {
  readonly #backend: ClientBackend;

  /** A client whose calls go to `backend`. */
  constructor(backend: ClientBackend) {
    super(undefined as never); // no engine here: every engine-facing method is overridden below
    this.#backend = backend;
  }

  override call<R extends Route>(route: R, body: Parameters<(typeof ROUTES)[R]>[1]): ReturnType<(typeof ROUTES)[R]> {
    return this.#backend.invoke('call', [route, body]) as ReturnType<(typeof ROUTES)[R]>;
  }

  override async getCollectionStatistics(body: RequestBody): Promise<{ data: { rowCount: number } & StorageEstimateFields }> {
    const [res, estimate] = await Promise.all([super.getCollectionStatistics(body), storageEstimate()]);
    return { ...res, data: { ...res.data, ...estimate } };
  }

  override searchIterator(body: RequestBody): AsyncGenerator<Array<Record<string, unknown>>> {
    return this.#backend.searchIterator(body);
  }

  override initAuth(opts: Parameters<QuiverClient['initAuth']>[0] = {}): ReturnType<QuiverClient['initAuth']> {
    return this.#backend.invoke('initAuth', [opts]) as ReturnType<QuiverClient['initAuth']>;
  }

  override authenticate(userName: string, password: string): Promise<boolean> {
    return this.#backend.invoke('authenticate', [userName, password]) as Promise<boolean>;
  }

  override authorize(userName: string, access: Parameters<QuiverClient['authorize']>[1]): Promise<boolean> {
    return this.#backend.invoke('authorize', [userName, access]) as Promise<boolean>;
  }

  override queryNodes(): ReturnType<QuiverClient['queryNodes']> {
    return this.#backend.invoke('queryNodes', []) as ReturnType<QuiverClient['queryNodes']>;
  }

  override waitForIdle(): Promise<void> {
    return this.#backend.invoke('waitForIdle', []) as Promise<void>;
  }

  override close(opts: { flush?: boolean } = {}): Promise<void> {
    return this.#backend.close(opts);
  }
}
