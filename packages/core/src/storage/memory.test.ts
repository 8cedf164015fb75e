import { metaStoreSuite, objectStoreSuite, storageSuite, walSuite } from '../testing/index.js';
import { MemoryMetaStore, MemoryObjectStore, MemoryWal, openMemoryStorage } from './index.js';

metaStoreSuite('memory', async () => ({ store: new MemoryMetaStore() }));
walSuite('memory', async () => ({ store: new MemoryWal() }));
objectStoreSuite('memory', async () => ({ store: new MemoryObjectStore() }));
storageSuite('memory', async () => ({ store: openMemoryStorage() }));
