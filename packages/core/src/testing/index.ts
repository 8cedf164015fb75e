// @quiver/core/testing: the conformance suites every storage implementation runs (vitest), the
// search correctness suite every runtime runs, and the small helpers they are built from.
export { expectQuiverError, expectSameBytes, patternBytes, useStore } from './harness.js';
export type { Harness, MakeStore, StoreUnderTest } from './harness.js';
export { metaStoreSuite } from './meta-store-suite.js';
export { objectStoreSuite } from './object-store-suite.js';
export { readWal, walSuite } from './wal-suite.js';
export { storageSuite } from './storage-suite.js';
export { searchSuite } from './search-suite.js';
export type { SearchTarget } from './search-suite.js';
