import { ErrorCode, QuiverError } from '../errors.js';
import type { MetaOp, MetaStore } from './types.js';

/** Orders meta keys by UTF-16 code unit, the order {@link MetaStore.scan} promises. */
export function compareMetaKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Throws InvalidParameter unless `key` is a non-empty string (the rule every MetaStore applies). */
export function checkMetaKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new QuiverError(ErrorCode.InvalidParameter, `meta key must be a non-empty string, got ${describeValue(key)}`);
  }
}

/** Throws InvalidParameter unless `prefix` is a string. */
export function checkMetaPrefix(prefix: unknown): asserts prefix is string {
  if (typeof prefix !== 'string') throw new QuiverError(ErrorCode.InvalidParameter, `meta scan prefix must be a string, got ${describeValue(prefix)}`);
}

/** Throws InvalidParameter unless `value` (stored under `key`) is a string. */
export function checkMetaValue(key: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new QuiverError(ErrorCode.InvalidParameter, `meta value for key ${JSON.stringify(key)} must be a string, got ${describeValue(value)}`);
}

/** Validates a whole {@link MetaStore.batch} before anything is applied; names the first bad op. */
export function checkMetaOps(ops: unknown): asserts ops is readonly MetaOp[] {
  if (!Array.isArray(ops)) throw new QuiverError(ErrorCode.InvalidParameter, `meta batch must be an array of ops, got ${describeValue(ops)}`);
  ops.forEach((op: unknown, i) => {
    const o = op as { type?: unknown; key?: unknown; value?: unknown } | null;
    if (typeof o !== 'object' || o === null || (o.type !== 'put' && o.type !== 'delete')) {
      throw new QuiverError(ErrorCode.InvalidParameter, `meta batch op #${i} must be {type: 'put'|'delete', key, value?}, got ${describeValue(op)}`);
    }
    try {
      checkMetaKey(o.key);
      if (o.type === 'put') checkMetaValue(o.key, o.value);
    } catch (e) {
      throw new QuiverError(ErrorCode.InvalidParameter, `meta batch op #${i}: ${(e as Error).message}`);
    }
  });
}

/** Applies already-validated ops to `map` in order (later ops on the same key win). */
export function applyMetaOps(map: Map<string, string>, ops: readonly MetaOp[]): void {
  for (const op of ops) {
    if (op.type === 'put') map.set(op.key, op.value);
    else map.delete(op.key);
  }
}

/** A short description of a bad argument for error messages. */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (v === null || v === undefined) return String(v);
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Uint8Array) return `a ${v.constructor.name}`;
  return typeof v === 'object' ? `an object (${(v as object).constructor?.name ?? 'Object'})` : `${typeof v} ${String(v)}`;
}

/** In-memory {@link MetaStore}: a Map, sorted on scan. Nothing survives the instance. */
export class MemoryMetaStore implements MetaStore {
  readonly #map = new Map<string, string>();
  #closed = false;

  async get(key: string): Promise<string | undefined> {
    this.#check();
    checkMetaKey(key);
    return this.#map.get(key);
  }

  async put(key: string, value: string): Promise<void> {
    this.#check();
    checkMetaKey(key);
    checkMetaValue(key, value);
    this.#map.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.#check();
    checkMetaKey(key);
    this.#map.delete(key);
  }

  async scan(prefix: string): Promise<Array<[string, string]>> {
    this.#check();
    checkMetaPrefix(prefix);
    const out: Array<[string, string]> = [];
    for (const [k, v] of this.#map) if (k.startsWith(prefix)) out.push([k, v]);
    return out.sort((a, b) => compareMetaKeys(a[0], b[0]));
  }

  async batch(ops: readonly MetaOp[]): Promise<void> {
    this.#check();
    checkMetaOps(ops);
    applyMetaOps(this.#map, ops);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #check(): void {
    if (this.#closed) throw new QuiverError(ErrorCode.Closed, 'memory meta store is closed');
  }
}
