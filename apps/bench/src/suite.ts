/** Options every suite takes. */
export interface SuiteOptions {
  /** Smaller inputs for a fast smoke run. */
  readonly quick: boolean;
}

/** Seeded PRNG (mulberry32): the same data on every run. Returns floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `fn` repeatedly until at least `minMs` have passed (and at least `minReps` times) and
 * returns the mean milliseconds per call.
 */
export function timeIt(fn: () => void, minMs = 400, minReps = 3): number {
  fn(); // warm-up: lets the JIT compile the hot loop before we measure
  let reps = 0;
  const start = performance.now();
  let elapsed = 0;
  while (reps < minReps || elapsed < minMs) {
    fn();
    reps++;
    elapsed = performance.now() - start;
  }
  return elapsed / reps;
}

/** Formats a rate like "123.4M". */
export function rate(perSecond: number): string {
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toFixed(2)}G`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`;
  return perSecond.toFixed(0);
}
