// Test worker: an OpfsObjectStore with the sync-access-handle writer, driven by messages from
// opfs-sync.test.ts (the conformance suite runs on the page; the store runs here).
import { OpfsObjectStore } from './opfs-object-store.js';
import { defaultOpfsWriter } from './opfs-files.js';

type Call = { id: number; method: string; args: unknown[] };
let store: OpfsObjectStore | undefined;

self.onmessage = async (e: MessageEvent<Call>) => {
  const { id, method, args } = e.data;
  try {
    let result: unknown;
    if (method === 'open') store = await OpfsObjectStore.open(args[0] as string, { writer: 'sync' });
    else if (method === 'defaultWriter') result = defaultOpfsWriter();
    else result = await (store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!(...args);
    self.postMessage({ id, ok: true, result });
  } catch (err) {
    const x = err as { name?: string; code?: number; message?: string };
    self.postMessage({ id, ok: false, error: { name: x?.name, code: x?.code, message: String(x?.message ?? err) } });
  }
};
