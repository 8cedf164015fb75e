import { describe, expect, it } from 'vitest';
import { metaStoreSuite, objectStoreSuite, storageSuite, walSuite } from '../testing/index.js';
import { MemoryMetaStore, MemoryObjectStore, MemoryWal, openMemoryStorage } from './index.js';

metaStoreSuite('memory', async () => ({ store: new MemoryMetaStore() }));
walSuite('memory', async () => ({ store: new MemoryWal() }));
objectStoreSuite('memory', async () => ({ store: new MemoryObjectStore() }));
storageSuite('memory', async () => ({ store: openMemoryStorage() }));

describe('openMemoryStorage', () => {
  it('gives each call its own empty database', async () => {
    const a = openMemoryStorage();
    const b = openMemoryStorage();
    await a.meta.put('k', 'a');
    await a.wal.append([new Uint8Array([1])]);
    await a.objects.put('o', new Uint8Array([1]));
    expect(await b.meta.get('k')).toBeUndefined();
    expect(b.wal.nextLsn()).toBe(1);
    expect(await b.objects.list('')).toEqual([]);
  });
});
