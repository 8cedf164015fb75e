import { afterEach, expect, it, vi } from 'vitest';
import { IdbMetaStore, IdbWal, deleteBrowserStorage, openBrowserStorage } from './index.js';

// What the stores ask IndexedDB for: the readwrite transactions they open (store names and
// durability), seen through a spy on IDBDatabase.prototype.transaction.
const names: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const n of names.splice(0)) await deleteBrowserStorage(`idb://${n}`);
});

function fresh(): string {
  const n = `tx-${crypto.randomUUID()}`;
  names.push(n);
  return n;
}

function spyWrites(store: string): Array<IDBTransactionOptions | undefined> {
  const seen: Array<IDBTransactionOptions | undefined> = [];
  const original = IDBDatabase.prototype.transaction;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, scope, mode, options) {
    const stores = typeof scope === 'string' ? [scope] : [...scope];
    if (mode === 'readwrite' && stores.includes(store)) seen.push(options);
    return original.call(this, scope, mode, options);
  });
  return seen;
}

it('groups appends that wait for each other into a few transactions, all strict by default', async () => {
  const wal = await IdbWal.open(fresh());
  const seen = spyWrites('wal');
  const lsns = await Promise.all(Array.from({ length: 200 }, (_, i) => wal.append([new Uint8Array([i])])));
  expect(lsns.flat()).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  expect(seen.length).toBeGreaterThanOrEqual(1);
  expect(seen.length).toBeLessThan(20); // one for the first append, then whole groups
  expect(seen.every((o) => o?.durability === 'strict')).toBe(true);
  await wal.close();
});

it('passes the configured durability to every write transaction', async () => {
  const name = fresh();
  const seen = spyWrites('meta');
  const meta = await IdbMetaStore.open(name, { durability: 'relaxed' });
  await meta.put('a', '1');
  await meta.batch([{ type: 'put', key: 'b', value: '2' }, { type: 'delete', key: 'a' }]);
  await meta.close();
  const storage = await openBrowserStorage(`idb://${name}`);
  await storage.meta.put('c', '3');
  await storage.close();
  expect(seen.map((o) => o?.durability)).toEqual(['relaxed', 'relaxed', 'strict']);
});

it('asks for persistent storage on open unless told not to', async () => {
  const persist = vi.spyOn(navigator.storage, 'persist');
  const name = fresh();
  const s = await openBrowserStorage(`idb://${name}`);
  expect(typeof (await s.persisted)).toBe('boolean');
  await s.close();
  expect(persist).toHaveBeenCalledTimes(1);
  const t = await openBrowserStorage(`idb://${name}`, { persist: false });
  expect(await t.persisted).toBe(false);
  await t.close();
  expect(persist).toHaveBeenCalledTimes(1);
});
