/// <reference types="@vitest/browser-playwright" />
import { cdp } from 'vitest/browser';
import { afterEach, expect, it } from 'vitest';
import { ErrorCode } from '@quiver/core';
import { expectQuiverError, expectSameBytes, patternBytes } from '@quiver/core/testing';
import { OpfsObjectStore, deleteBrowserStorage } from './index.js';

// The origin's quota is lowered through the DevTools protocol to a little above what it uses, so
// a large write fails as on a full disk. (IndexedDB and sync access handles do not see a quota
// lowered after they were first used in the browser session, so their quota tests run in a fresh
// browser: test/browser/driven/quota.test.ts.)
const origin = location.origin;
let name = '';
const stores: OpfsObjectStore[] = [];

/** Lowers this origin's quota to what it uses now plus `extra` bytes. */
async function limitQuota(extra: number): Promise<void> {
  const { usage = 0 } = await navigator.storage.estimate();
  await cdp().send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + extra });
}

/** The names in the database's OPFS `tmp/` folder. */
async function tmpFiles(): Promise<string[]> {
  const root = await navigator.storage.getDirectory();
  const tmp = await (await (await root.getDirectoryHandle('quiver')).getDirectoryHandle(name)).getDirectoryHandle('tmp');
  const left: string[] = [];
  for await (const k of tmp.keys()) left.push(k);
  return left;
}

afterEach(async () => {
  await cdp().send('Storage.overrideQuotaForOrigin', { origin });
  for (const s of stores.splice(0)) await s.close();
  await deleteBrowserStorage(`idb://${name}`);
});

it('OPFS: a blob over quota is StorageFull, leaving the old blob and no temp file', async () => {
  name = `opfs-quota-${crypto.randomUUID()}`;
  const store = await OpfsObjectStore.open(name, { writer: 'writable' });
  stores.push(store);
  await store.put('db/1/seg', patternBytes(1000, 1));
  await limitQuota(1024 * 1024);
  await expectQuiverError(store.put('db/1/seg', patternBytes(8 * 1024 * 1024, 2)), ErrorCode.StorageFull, 'quota', '"db/1/seg"', 'nothing was written');
  await expectQuiverError(store.put('db/2/new', patternBytes(8 * 1024 * 1024, 3)), ErrorCode.StorageFull, 'quota', '"db/2/new"');
  expect(await store.list('')).toEqual(['db/1/seg']);
  expectSameBytes(await store.get('db/1/seg'), patternBytes(1000, 1));
  expect(await tmpFiles()).toEqual([]);
});
