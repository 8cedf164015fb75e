import { DEFAULT_SEAL_POLICY, type SealPolicy } from './datacoord/policy.js';
import { ErrorCode, QuiverError } from './errors.js';
import { createWasmEngine } from './index/engine.js';
import type { AnnEngine } from './index/types.js';
import { createIndexNode } from './indexnode/node.js';
import type { DataNode, IndexNode } from './roles.js';
import type { Platform } from './platform.js';
import { QueryNodePool } from './querycoord/pool.js';
import { CollectionRuntime } from './querynode/collection.js';
import { Catalog } from './rootcoord/catalog.js';
import { IdAllocator } from './rootcoord/ids.js';
import type { CollectionMeta } from './rootcoord/meta.js';
import { Tso } from './rootcoord/tso.js';
import type { Int64Output } from './schema/int64.js';
import { primaryField } from './schema/types.js';
import { encodeRecord, type WalRecord } from './storage/records.js';
import type { MetaOp, Storage } from './storage/types.js';
import { Mutex } from './util/mutex.js';

/** Engine settings a caller of `open()` may give. */
export interface EngineOptions {
  /** When growing segments are sealed and flushed. */
  readonly seal?: Partial<SealPolicy>;
  /** How Int64 values are returned (default `auto`: numbers when safe, decimal strings beyond 2^53). */
  readonly int64?: Int64Output;
  /** How often (ms) the background tick checks seal-by-age; 0 turns it off. Default 10 s. */
  readonly tickMs?: number;
}

/**
 * One open database instance: storage, RootCoord's catalog, TSO and id allocator, and the
 * in-memory runtime of every collection. The role modules (datacoord, querycoord, querynode,
 * proxy) act on it; it holds no policy of its own.
 */
export class Instance {
  readonly runtimes = new Map<number, CollectionRuntime>();
  /** Serializes catalog changes and the issuing of WAL appends (so LSN order = timestamp order). */
  readonly lock = new Mutex();
  /** Serializes flush, compaction and GC among themselves. */
  readonly flushLock = new Mutex();
  readonly seal: SealPolicy;
  readonly int64: Int64Output;
  /** Lower bounds of the LSNs of appends issued but not yet applied (WAL truncation must keep them). */
  readonly inflight = new Map<number, number>();
  private inflightSeq = 0;
  closed = false;
  /** Stops the background tick (set by open). */
  stopTimer: (() => void) | undefined;
  /** Background work (seal-triggered flushes) not yet finished. */
  readonly background = new Set<Promise<unknown>>();
  lastBackgroundError: unknown = undefined;

  constructor(
    readonly storage: Storage,
    readonly platform: Platform,
    readonly catalog: Catalog,
    readonly ids: IdAllocator,
    readonly tso: Tso,
    options: EngineOptions,
  ) {
    this.seal = { ...DEFAULT_SEAL_POLICY, ...options.seal };
    this.int64 = options.int64 ?? 'auto';
  }

  /** Milliseconds now, from the injected clock. */
  now(): number {
    return this.platform.clock.now();
  }

  /** Throws Closed once the instance is closed. */
  checkOpen(): void {
    if (this.closed) throw new QuiverError(ErrorCode.Closed, 'the database is closed');
  }

  /** The runtime of a collection (created on first use). */
  runtime(meta: CollectionMeta): CollectionRuntime {
    let rt = this.runtimes.get(meta.id);
    if (!rt) {
      rt = new CollectionRuntime(meta, primaryField(meta.schema).name);
      this.runtimes.set(meta.id, rt);
    }
    rt.meta = meta;
    return rt;
  }

  private engine: Promise<AnnEngine> | undefined;

  /** The ANN engine (our wasm hnswlib), instantiated on first use. */
  ann(): Promise<AnnEngine> {
    if (!this.engine) {
      const wasm = this.platform.wasm;
      if (!wasm) return Promise.reject(new QuiverError(ErrorCode.Unsupported, 'vector search needs the platform to provide the wasm module (Platform.wasm)'));
      this.engine = wasm.call(this.platform).then(createWasmEngine);
      this.engine.catch(() => (this.engine = undefined));
    }
    return this.engine;
  }

  private indexNodeRole: IndexNode | undefined;

  /** The IndexNode role: the platform's (e.g. a Web Worker) or one in this process. */
  indexNode(): IndexNode {
    const pause = this.platform.yieldToEventLoop?.bind(this.platform);
    this.indexNodeRole ??= this.platform.indexNode?.() ?? createIndexNode(this.storage.objects, () => this.ann(), pause);
    return this.indexNodeRole;
  }

  /** The DataNode role: the platform's (a Web Worker writing with sync OPFS handles) or this process writing to the object store. */
  dataNode(): DataNode {
    return this.platform.dataNode?.() ?? { writeSegment: (task) => this.storage.objects.put(task.path, task.bytes) };
  }

  #pool: QueryNodePool | null | undefined;

  /** QueryCoord's pool of QueryNodes when the platform runs them apart (undefined: this process serves every segment). */
  queryPool(): QueryNodePool | undefined {
    if (this.#pool === undefined) {
      const launcher = this.platform.queryNodes?.();
      const timer = this.platform.setTimer?.bind(this.platform);
      this.#pool = launcher ? new QueryNodePool(launcher, { ...launcher.timing, setTimer: timer, ...(launcher.onFailure ? { onFailure: launcher.onFailure } : {}) }) : null;
    }
    return this.#pool ?? undefined;
  }

  /** Stops the QueryNodes (close). */
  closePool(): void {
    this.#pool?.close();
    this.#pool = null;
  }

  /** Waits until background work (seal flushes, index builds) has finished. */
  async idle(): Promise<void> {
    for (;;) {
      while (this.background.size > 0) await Promise.allSettled([...this.background]);
      await this.#pool?.settled();
      if (this.background.size === 0) return;
    }
  }

  /** Stores a collection record (atomically with `extra` operations) and points its runtime at it. */
  async commitCollection(meta: CollectionMeta, extra: MetaOp[] = []): Promise<void> {
    await this.catalog.putCollection(meta, extra);
    const rt = this.runtimes.get(meta.id);
    if (rt) rt.meta = meta;
  }

  /**
   * Appends records to the WAL and resolves with their LSNs once durable. Must be called while
   * holding {@link lock} (the returned promise may be awaited after releasing it).
   */
  issueAppend(records: readonly WalRecord[]): { done: Promise<number[]>; release: () => void } {
    const token = this.inflightSeq++;
    this.inflight.set(token, this.storage.wal.nextLsn());
    const done = this.storage.wal.append(records.map(encodeRecord));
    return { done, release: () => this.inflight.delete(token) };
  }

  private applyChain: Promise<unknown> = Promise.resolve();

  /**
   * Runs `apply` with the LSNs once `done` resolves, strictly in the order of the calls (call it
   * while holding {@link lock}, right after {@link issueAppend}), so memory sees writes in WAL order.
   */
  sequence<T>(append: { done: Promise<number[]>; release: () => void }, apply: (lsns: number[]) => T): Promise<T> {
    const run = this.applyChain.then(() => append.done).then(apply).finally(append.release);
    this.applyChain = run.catch(() => undefined);
    return run;
  }

  /** Runs background work, remembering failures (the data stays in the WAL, so nothing is lost). */
  spawn(work: () => Promise<unknown>): void {
    const p = work().catch((e: unknown) => {
      this.lastBackgroundError = e;
    });
    this.background.add(p);
    void p.finally(() => this.background.delete(p));
  }
}
