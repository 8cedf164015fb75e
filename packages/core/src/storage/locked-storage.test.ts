import { describe, expect, it } from 'vitest';
import { openLockedStorage } from './locked-storage.js';
import { MemoryMetaStore } from './memory-meta-store.js';
import { MemoryObjectStore } from './memory-object-store.js';
import { MemoryWal } from './memory-wal.js';

/** Memory stores whose close() is logged (and may fail), and a lock whose release is logged. */
function setup(failClose?: 'meta' | 'wal' | 'objects') {
  const log: string[] = [];
  const logged = <T extends { close(): Promise<void> }>(what: 'meta' | 'wal' | 'objects', store: T): T => {
    const close = store.close.bind(store);
    store.close = async () => {
      log.push(`close ${what}`);
      await close();
      if (failClose === what) throw new Error(`${what} close failed`);
    };
    return store;
  };
  const lock = {
    async release() {
      log.push('release');
    },
  };
  const openers = {
    meta: async () => logged('meta', new MemoryMetaStore()),
    wal: async () => logged('wal', new MemoryWal()),
    objects: async () => logged('objects', new MemoryObjectStore()),
  };
  return { log, lock, openers };
}

describe('openLockedStorage', () => {
  it('closes all three stores, then releases the lock, once', async () => {
    const { log, lock, openers } = setup();
    const s = await openLockedStorage(lock, openers);
    expect(s.meta).toBeInstanceOf(MemoryMetaStore);
    const closing = s.close();
    expect(s.close()).toBe(closing);
    await closing;
    expect(log).toEqual(['close meta', 'close wal', 'close objects', 'release']);
  });

  it('closes what it opened and releases the lock when an opener fails', async () => {
    const { log, lock, openers } = setup();
    const failing = { ...openers, objects: () => Promise.reject(new Error('no objects')) };
    await expect(openLockedStorage(lock, failing)).rejects.toThrow('no objects');
    expect(log).toEqual(['close meta', 'close wal', 'release']);
  });

  it('still releases the lock when a store fails to close, then reports that failure', async () => {
    const { log, lock, openers } = setup('wal');
    const s = await openLockedStorage(lock, openers);
    await expect(s.close()).rejects.toThrow('wal close failed');
    expect(log).toEqual(['close meta', 'close wal', 'close objects', 'release']);
  });
});
