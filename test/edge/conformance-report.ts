// Node side of the in-runtime conformance runs: checks the results a runtime sent back.
import { expect } from 'vitest';
import type { TestResult } from './vitest-shim.js';

/** Asserts that `results` has tests and that every one passed, listing the failures otherwise. */
export function expectAllPassed(results: TestResult[], suite: string): void {
  expect(results.length, `no test of "${suite}" ran`).toBeGreaterThan(0);
  const failed = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`);
  expect(failed, `${failed.length} of ${results.length} failed`).toEqual([]);
}
