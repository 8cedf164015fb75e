// Worker of the test page: puts one blob through an OpfsObjectStore with the sync-access-handle
// writer and reports the outcome (the quota test lowers the quota first).
import { OpfsObjectStore } from '@quiver/browser';

self.onmessage = async (e: MessageEvent<{ name: string; bytes: number }>) => {
  const store = await OpfsObjectStore.open(e.data.name, { writer: 'sync' });
  try {
    const data = new Uint8Array(e.data.bytes);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    await store.put('db/2/seg', data);
    self.postMessage({ ok: true, value: await store.list('') });
  } catch (err) {
    const x = err as { code?: number; message?: string };
    self.postMessage({ ok: false, code: x.code ?? -1, message: String(x.message ?? err), list: await store.list('') });
  } finally {
    await store.close();
  }
};
