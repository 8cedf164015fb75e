// The slice of vitest's API that core's storage conformance suites use (describe, it, hooks,
// expect with the matchers they call), for running those suites unchanged inside workerd and
// Deno, where vitest itself does not run. `runRegistered()` runs what was registered and returns
// one result per test; the Node side reports them.

type Fn = () => unknown;

interface Scope {
  readonly name: string;
  readonly parent: Scope | undefined;
  readonly beforeEach: Fn[];
  readonly afterEach: Fn[];
}

interface TestCase {
  readonly name: string;
  readonly scope: Scope;
  readonly fn: Fn;
}

/** The outcome of one test. */
export interface TestResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

const root: Scope = { name: '', parent: undefined, beforeEach: [], afterEach: [] };
let current = root;
const tests: TestCase[] = [];

/** Groups tests (vitest's `describe`). */
export function describe(name: string, fn: () => void): void {
  const outer = current;
  current = { name, parent: outer, beforeEach: [], afterEach: [] };
  try {
    fn();
  } finally {
    current = outer;
  }
}

/** Registers a test (vitest's `it`). */
export function it(name: string, fn: Fn): void {
  tests.push({ name, scope: current, fn });
}
export { it as test };

/** Runs before every test of the current group. */
export function beforeEach(fn: Fn): void {
  current.beforeEach.push(fn);
}

/** Runs after every test of the current group. */
export function afterEach(fn: Fn): void {
  current.afterEach.push(fn);
}

function chain(scope: Scope): Scope[] {
  const out: Scope[] = [];
  for (let s: Scope | undefined = scope; s; s = s.parent) out.unshift(s);
  return out;
}

/** Runs every registered test whose full name contains `filter`, one after the other. */
export async function runRegistered(filter = ''): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const t of tests) {
    const scopes = chain(t.scope);
    const name = [...scopes.map((s) => s.name).filter(Boolean), t.name].join(' > ');
    if (!name.includes(filter)) continue;
    const started = Date.now();
    let error: unknown;
    let failed = false;
    try {
      for (const s of scopes) for (const h of s.beforeEach) await h();
      await t.fn();
    } catch (e) {
      failed = true;
      error = e;
    }
    for (const s of [...scopes].reverse()) {
      for (const h of s.afterEach) {
        try {
          await h();
        } catch (e) {
          if (!failed) {
            failed = true;
            error = e;
          }
        }
      }
    }
    results.push({ name, ok: !failed, ms: Date.now() - started, ...(failed ? { error: describeError(error) } : {}) });
  }
  return results;
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** vitest's `toEqual`: recursive equality where object properties holding undefined do not count. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    const x = a as unknown as ArrayLike<unknown>;
    const y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(a)) {
    const y = b as unknown[];
    return a.length === y.length && a.every((v, i) => deepEqual(v, y[i]));
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…` : v);
  if (v instanceof Uint8Array) return `Uint8Array(${v.length})`;
  try {
    const s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? `Uint8Array(${x.length})` : x));
    return s === undefined ? String(v) : s.length > 300 ? `${s.slice(0, 300)}…` : s;
  } catch {
    return String(v);
  }
}

/** The matchers the suites call, with `.not`. */
export interface Matchers {
  readonly not: Matchers;
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toBeUndefined(): void;
  toBeDefined(): void;
  toBeInstanceOf(type: abstract new (...args: never[]) => unknown): void;
  toContain(item: unknown): void;
  toBeGreaterThan(n: number): void;
  toBeGreaterThanOrEqual(n: number): void;
  toBeLessThan(n: number): void;
  toHaveLength(n: number): void;
  toMatch(re: RegExp | string): void;
}

/** vitest's `expect(value, message?)`. */
export function expect(actual: unknown, message?: string): Matchers {
  const make = (negate: boolean): Matchers => {
    const check = (pass: boolean, what: string): void => {
      if (pass === negate) throw new Error(`${message ? `${message}: ` : ''}expected ${show(actual)} ${negate ? 'not ' : ''}${what}`);
    };
    return {
      get not() {
        return make(!negate);
      },
      toBe: (e) => check(Object.is(actual, e), `to be ${show(e)}`),
      toEqual: (e) => check(deepEqual(actual, e), `to equal ${show(e)}`),
      toBeUndefined: () => check(actual === undefined, 'to be undefined'),
      toBeDefined: () => check(actual !== undefined, 'to be defined'),
      toBeInstanceOf: (t) => check(actual instanceof t, `to be an instance of ${t.name}`),
      toContain: (item) => check(typeof actual === 'string' ? actual.includes(String(item)) : Array.isArray(actual) && actual.includes(item), `to contain ${show(item)}`),
      toBeGreaterThan: (n) => check((actual as number) > n, `to be greater than ${n}`),
      toBeGreaterThanOrEqual: (n) => check((actual as number) >= n, `to be greater than or equal to ${n}`),
      toBeLessThan: (n) => check((actual as number) < n, `to be less than ${n}`),
      toHaveLength: (n) => check((actual as { length?: number })?.length === n, `to have length ${n}`),
      toMatch: (re) => check(typeof actual === 'string' && (typeof re === 'string' ? actual.includes(re) : re.test(actual)), `to match ${String(re)}`),
    };
  };
  return make(false);
}
