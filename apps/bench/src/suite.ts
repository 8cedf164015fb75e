/** Options every suite takes. */
export interface SuiteOptions {
  /** Smaller inputs for a fast smoke run. */
  readonly quick: boolean;
  /** Folder for result files and the dataset/ground-truth cache (default: bench-results/ at the repository root). */
  readonly out: string;
  /** Where `report` writes benchmarks.md and its charts (default: docs/ at the repository root). */
  readonly docs?: string;
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

/** Formats a ratio like "0.93×" (— when either side is missing). */
export function times(value: number | null | undefined, base: number | null | undefined): string {
  if (value == null || base == null || !(base > 0) || !Number.isFinite(value)) return '—';
  const r = value / base;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r >= 0.01 ? r.toFixed(2) : r.toPrecision(1)}×`;
}

/** Prints an aligned table (first column left-aligned, the others right-aligned). */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
