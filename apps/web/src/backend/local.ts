// The in-browser database: @quiver/browser's engine, catalog and WAL in IndexedDB, segment and
// index files in OPFS, index builds in a Web Worker. Opened with `tabs: 'share'`: the first tab
// runs the engine and the app's other tabs forward their calls to it (and take over when it
// closes). Loaded lazily so the shell paints first.
import type { QuiverClient } from '@quiver/core';
import { BackendError, type Backend } from './types.js';

/** The local database every part of the app shares (one Web Lock per database). */
export const LOCAL_URI = 'idb://quiver';

/** Opens `uri`, shared with this origin's other tabs. */
export async function openLocal(uri = LOCAL_URI): Promise<Backend & { client: QuiverClient }> {
  const { open } = await import('@quiver/browser');
  let client: QuiverClient;
  try {
    client = await open({ uri, tabs: 'share' });
  } catch (e) {
    throw wrap(e);
  }
  return {
    kind: 'local',
    label: uri,
    client,
    async call(route, body) {
      try {
        return (await client.call(route as never, body as never)) as never;
      } catch (e) {
        throw wrap(e);
      }
    },
    async storage() {
      const est = await navigator.storage?.estimate?.();
      return est ? { usage: est.usage ?? 0, quota: est.quota ?? 0 } : undefined;
    },
    close: () => client.close(),
  };
}

function wrap(e: unknown): BackendError {
  const x = e as { code?: unknown; message?: unknown };
  return new BackendError(typeof x?.code === 'number' ? x.code : undefined, typeof x?.message === 'string' ? x.message : String(e));
}
