import { afterEach, beforeEach, expect } from 'vitest';
import { isQuiverError } from '../errors.js';
import type { ErrorCodeValue } from '../errors.js';

/** What a conformance target's `make()` returns: a fresh store, and how to reopen it over the same data. */
export interface StoreUnderTest<T> {
  readonly store: T;
  /** Opens a new instance over the same data (the suite closes the old one first). Omit for stores that do not persist. */
  readonly reopen?: () => Promise<T>;
  /** Removes what the store left behind (temp folders…); runs after every instance was closed. */
  readonly cleanup?: () => Promise<void>;
}

/** Makes a fresh, empty store for one test. */
export type MakeStore<T> = () => Promise<StoreUnderTest<T>>;

/** The per-test view a suite has of its target. */
export interface Harness<T> {
  /** The store currently open. */
  readonly store: T;
  /** True when the target can reopen (persists across instances). */
  readonly persistent: boolean;
  /** Closes the current store and opens it again over the same data; without `reopen`, keeps the instance. */
  reopen(): Promise<T>;
}

/** Registers beforeEach/afterEach that make a fresh store per test and close + clean it after. */
export function useStore<T extends { close(): Promise<void> }>(make: MakeStore<T>): Harness<T> {
  let target: StoreUnderTest<T> | undefined;
  let current: T | undefined;
  const opened: T[] = [];
  beforeEach(async () => {
    target = await make();
    current = target.store;
    opened.push(current);
  });
  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    await target?.cleanup?.();
    target = current = undefined;
  });
  const live = () => {
    if (target === undefined || current === undefined) throw new Error('store used outside a test');
    return { target, current };
  };
  return {
    get store() {
      return live().current;
    },
    get persistent() {
      return live().target.reopen !== undefined;
    },
    async reopen() {
      const { target: t, current: c } = live();
      if (t.reopen === undefined) return c;
      await c.close();
      current = await t.reopen();
      opened.push(current);
      return current;
    },
  };
}

/** Asserts that `run` throws or rejects with a QuiverError of `code` whose message contains every `mentions`. */
export async function expectQuiverError(run: Promise<unknown> | (() => unknown), code: ErrorCodeValue, ...mentions: string[]): Promise<void> {
  let error: unknown;
  let threw = false;
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (e) {
    threw = true;
    error = e;
  }
  expect(threw, `expected a QuiverError ${code}, but nothing was thrown`).toBe(true);
  expect(isQuiverError(error), `expected a QuiverError, got ${String(error)}`).toBe(true);
  const q = error as { code: number; message: string };
  expect(q.code, q.message).toBe(code);
  for (const m of mentions) expect(q.message).toContain(m);
}

/** Deterministic pseudo-random bytes (xorshift32), fast enough for multi-megabyte blobs. */
export function patternBytes(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  const words = new Uint32Array(out.buffer, 0, length >>> 2);
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  for (let i = words.length * 4; i < length; i++) out[i] = (seed + i * 31) & 0xff;
  return out;
}

/** Asserts byte-exact equality without vitest's slow element-wise diff on large arrays. */
export function expectSameBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  expect(actual.length).toBe(expected.length);
  let diff = -1;
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) {
      diff = i;
      break;
    }
  }
  expect(diff, `first differing byte at ${diff}`).toBe(-1);
}
