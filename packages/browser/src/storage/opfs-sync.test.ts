import { expect, it } from 'vitest';
import { objectStoreSuite } from '@quiver/core/testing';
import { deleteBrowserStorage } from './index.js';
import { WorkerCalls, remoteStore } from './opfs-sync.test-client.js';

objectStoreSuite('OPFS, sync access handles in a dedicated worker', async () => {
  const name = `opfs-sync-${crypto.randomUUID()}`;
  const workers: WorkerCalls[] = [];
  const open = async () => {
    const calls = new WorkerCalls();
    workers.push(calls);
    await calls.call('open', name);
    return remoteStore(calls);
  };
  return {
    store: await open(),
    reopen: open,
    cleanup: async () => {
      for (const w of workers) w.terminate();
      await deleteBrowserStorage(`idb://${name}`);
    },
  };
});

it('picks sync access handles in a dedicated worker and createWritable on the page', async () => {
  const calls = new WorkerCalls();
  try {
    expect(await calls.call('defaultWriter')).toBe('sync');
  } finally {
    calls.terminate();
  }
  const { defaultOpfsWriter } = await import('./opfs-files.js');
  expect(defaultOpfsWriter()).toBe('writable');
});
