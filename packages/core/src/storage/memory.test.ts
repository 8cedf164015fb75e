import { metaStoreSuite, objectStoreSuite, walSuite } from '../testing/index.js';
import { MemoryMetaStore, MemoryObjectStore, MemoryWal } from './index.js';

metaStoreSuite('memory', async () => ({ store: new MemoryMetaStore() }));
walSuite('memory', async () => ({ store: new MemoryWal() }));
objectStoreSuite('memory', async () => ({ store: new MemoryObjectStore() }));
