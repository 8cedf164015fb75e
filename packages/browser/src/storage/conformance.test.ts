import { metaStoreSuite, objectStoreSuite, storageSuite, walSuite } from '@quiver/core/testing';
import type { StoreUnderTest } from '@quiver/core/testing';
import { IdbMetaStore, IdbWal, OpfsObjectStore, deleteBrowserStorage, openBrowserStorage } from './index.js';

/** A target on a fresh database name, reopened over it and deleted after. */
const fresh = <T>(open: (name: string) => Promise<T>) => async (): Promise<StoreUnderTest<T>> => {
  const name = `conformance-${crypto.randomUUID()}`;
  return { store: await open(name), reopen: () => open(name), cleanup: () => deleteBrowserStorage(`idb://${name}`) };
};

metaStoreSuite('IndexedDB', fresh((name) => IdbMetaStore.open(name)));
walSuite('IndexedDB', fresh((name) => IdbWal.open(name)));
walSuite('IndexedDB, relaxed durability', fresh((name) => IdbWal.open(name, { durability: 'relaxed' })));
objectStoreSuite('OPFS, createWritable on the main thread', fresh((name) => OpfsObjectStore.open(name, { writer: 'writable' })));
storageSuite('idb://', fresh((name) => openBrowserStorage(`idb://${name}`)));
