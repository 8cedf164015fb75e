// @quiver/core/testing: the conformance suites every storage implementation runs (vitest) and the
// small helpers they are built from. The search correctness suite is `@quiver/core/testing/search`:
// it uses hooks the edge runtimes' vitest shim (test/edge/vitest-shim.ts) does not have.
export { expectQuiverError, expectSameBytes, patternBytes, useStore } from './harness.js';
export type { Harness, MakeStore, StoreUnderTest } from './harness.js';
export { metaStoreSuite } from './meta-store-suite.js';
export { objectStoreSuite } from './object-store-suite.js';
export { readWal, walSuite } from './wal-suite.js';
export { storageSuite } from './storage-suite.js';
export { before, bruteAll, closeTo, distance, gauss, inWindow, randomVectors, rng } from './ground-truth.js';
export type { Metric, Scored, Vec } from './ground-truth.js';
