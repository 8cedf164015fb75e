import type { QuiverClient, RequestBody } from '@quiver/core';
import { runOnClient } from './dispatch.js';
import type { TabMethod } from './protocol.js';

/** Where a BrowserClient's calls go: the database open in this tab, or the leader tab. */
export interface ClientBackend {
  /** Runs a client method (`call(route, body)` carries every verb). */
  invoke(method: TabMethod, args: readonly unknown[]): Promise<unknown>;
  searchIterator(body: RequestBody): AsyncGenerator<Array<Record<string, unknown>>>;
  close(opts: { flush?: boolean }): Promise<void>;
}

/** The backend of a database open in this tab. */
export function localBackend(client: QuiverClient): ClientBackend {
  return {
    invoke: (method, args) => runOnClient(client, method, args),
    searchIterator: (body) => client.searchIterator(body),
    close: (opts) => client.close(opts),
  };
}

/** A search iterator living in the leader tab, paged through forwarded calls. */
export async function* remoteSearchIterator(invoke: ClientBackend['invoke'], body: RequestBody): AsyncGenerator<Array<Record<string, unknown>>> {
  const id = await invoke('iterOpen', [body]);
  let finished = false;
  try {
    for (;;) {
      const page = (await invoke('iterNext', [id])) as Array<Record<string, unknown>> | null;
      if (page === null) {
        finished = true;
        return;
      }
      yield page;
    }
  } finally {
    if (!finished) await invoke('iterClose', [id]).catch(() => undefined);
  }
}
