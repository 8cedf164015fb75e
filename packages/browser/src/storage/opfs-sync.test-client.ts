// Test helper: an OpfsObjectStore living in a dedicated worker (opfs-sync.test-worker.ts), where
// sync access handles exist, called from the page through messages.
import { QuiverError } from '@quiver/core';
import type { ObjectStore } from '@quiver/core';

/** Calls into an OpfsObjectStore living in a dedicated worker (where sync access handles exist). */
export class WorkerCalls {
  readonly #worker = new Worker(new URL('./opfs-sync.test-worker.ts', import.meta.url), { type: 'module' });
  readonly #pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  #id = 0;

  constructor() {
    this.#worker.onmessage = (e: MessageEvent<{ id: number; ok: boolean; result?: unknown; error?: { name?: string; code?: number; message: string } }>) => {
      const p = this.#pending.get(e.data.id)!;
      this.#pending.delete(e.data.id);
      const err = e.data.error;
      if (e.data.ok) p.resolve(e.data.result);
      else p.reject(err?.name === 'QuiverError' ? new QuiverError(err.code as never, err.message) : new Error(err?.message));
    };
  }

  call<T>(method: string, ...args: unknown[]): Promise<T> {
    const id = ++this.#id;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, method, args });
    });
  }

  terminate(): void {
    this.#worker.terminate();
  }
}

/** The ObjectStore interface over a worker's store. */
export function remoteStore(calls: WorkerCalls): ObjectStore {
  return {
    put: (path, data) => calls.call('put', path, data),
    get: (path) => calls.call('get', path),
    delete: (path) => calls.call('delete', path),
    list: (prefix) => calls.call('list', prefix),
    close: () => calls.call('close'),
  };
}
