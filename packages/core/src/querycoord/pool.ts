import { ErrorCode, QuiverError, isQuiverError } from '../errors.js';
import type { RowBitset } from '../index/bitset.js';
import type { AnnRequest, RemoteSearch } from '../querynode/search.js';
import type { Segment } from '../querynode/segment.js';
import type { QueryNodeHandle, QueryNodeHits, QueryNodeLauncher, QueryNodeSearchTask, SegmentServeTask, ServedIndex } from '../roles.js';

/** Timing of QueryCoord's node management. */
export interface QueryNodePoolOptions {
  /** How often every QueryNode is asked for a heartbeat (ms; default 2000; 0 turns heartbeats off). */
  readonly heartbeatMs?: number;
  /** A QueryNode that does not answer a heartbeat within this many ms is replaced (default 5000). */
  readonly heartbeatTimeoutMs?: number;
  /** A search that gets no answer within this many ms counts as a failure of its node (default 60000). */
  readonly searchTimeoutMs?: number;
  /** A segment or index load that takes longer than this fails (ms; default 120000). */
  readonly loadTimeoutMs?: number;
  /** Schedules `fn` after `ms`; returns a cancel function (the platform's timer). */
  readonly setTimer?: (fn: () => void, ms: number) => () => void;
  /** Told of every node failure (they are also kept in `failures`). */
  readonly onFailure?: (failure: QueryNodeFailure) => void;
}

/** A QueryNode that failed and was replaced. */
export interface QueryNodeFailure {
  /** Slot number of the node (0…size-1); the replacement takes the same slot. */
  readonly slot: number;
  /** What noticed it: a heartbeat, the node's death, a search, a segment or index load, the node's start. */
  readonly during: 'heartbeat' | 'crash' | 'search' | 'load' | 'start';
  readonly error: Error;
  /** The segment whose load failed and that the coordinator serves itself from now on. */
  readonly segment?: number;
}

/** One QueryNode as QueryCoord runs it: its handle (once started), its segments and their load state. */
class Slot {
  /** Started node, or the start in progress. */
  live: Promise<QueryNodeHandle> | undefined;
  /** Bumped on every replacement: a failure seen by an older generation does not replace twice. */
  generation = 0;
  /** Segments assigned here, with their serve tasks. */
  readonly segments = new Map<Segment, SegmentServeTask>();
  /** Assigned segments whose load finished on the current node. */
  readonly ready = new Set<Segment>();
  /** Loads in flight on the current node, per segment. */
  readonly loads = new Map<Segment, Promise<void>>();
  rows = 0;
  constructor(readonly n: number) {}
}

const KEEP_FAILURES = 20;

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * QueryCoord's distribution over a pool of QueryNodes (ARCHITECTURE.md §2, browser: Web Workers):
 * every sealed segment is assigned to the node with the fewest rows and loaded there from storage;
 * until its load finishes the coordinator serves it itself, so a search never waits for a load.
 * A search fans out to every node holding one of its segments, in parallel. Nodes send heartbeats;
 * a node that dies, stops answering or fails a call is replaced in its slot and its segments are
 * loaded again on the new node; a search in flight on it is retried once there and otherwise fails
 * with ServiceUnavailable — it never hangs.
 */
export class QueryNodePool implements RemoteSearch {
  /** The most recent node failures (at most 20), oldest first. */
  readonly failures: QueryNodeFailure[] = [];
  readonly #launcher: QueryNodeLauncher;
  readonly #options: QueryNodePoolOptions;
  readonly #slots: Slot[];
  readonly #where = new Map<Segment, Slot>();
  readonly #loadFailures = new WeakMap<Segment, number>();
  readonly #onReady = new WeakMap<Segment, () => void>();
  #closed = false;
  #stopHeartbeat: (() => void) | undefined;

  constructor(launcher: QueryNodeLauncher, options: QueryNodePoolOptions = {}) {
    if (!Number.isInteger(launcher.size) || launcher.size < 1) throw new QuiverError(ErrorCode.InvalidParameter, `queryWorkers: ${launcher.size} is not a positive integer`);
    this.#launcher = launcher;
    this.#options = options;
    this.#slots = Array.from({ length: launcher.size }, (_, i) => new Slot(i));
    this.#scheduleHeartbeat();
  }

  /** Number of QueryNodes. */
  get size(): number {
    return this.#slots.length;
  }

  /** Per node: how many segments and rows it is assigned, and how many of them are loaded. */
  distribution(): Array<{ slot: number; segments: number; ready: number; rows: number }> {
    return this.#slots.map((s) => ({ slot: s.n, segments: s.segments.size, ready: s.ready.size, rows: s.rows }));
  }

  /** The node serving `seg`, when its load has finished. */
  servedBy(seg: Segment): Slot | undefined {
    const slot = this.#where.get(seg);
    return slot && slot.ready.has(seg) ? slot : undefined;
  }

  /** Resolves once every assigned segment is loaded (or its load failed). */
  async settled(): Promise<void> {
    for (;;) {
      const loads = this.#slots.flatMap((s) => [...s.loads.values()]);
      if (loads.length === 0) return;
      await Promise.allSettled(loads);
    }
  }

  /**
   * Assigns a sealed segment to the least loaded node and loads it there in the background. Once
   * it is loaded there, `onReady` runs (the coordinator frees its own search structures).
   */
  place(seg: Segment, task: SegmentServeTask, onReady?: () => void): void {
    if (this.#closed || this.#where.has(seg)) return;
    const slot = this.#slots.reduce((a, b) => (b.rows < a.rows ? b : a));
    this.#where.set(seg, slot);
    slot.segments.set(seg, task);
    slot.rows += task.rows;
    if (onReady) this.#onReady.set(seg, onReady);
    this.#load(slot, seg);
  }

  /** Stops serving `seg` (released, compacted away, dropped). */
  release(seg: Segment): void {
    const slot = this.#where.get(seg);
    if (!slot) return;
    const task = slot.segments.get(seg)!;
    this.#where.delete(seg);
    slot.segments.delete(seg);
    slot.ready.delete(seg);
    slot.rows -= task.rows;
    const live = slot.live;
    void live?.then((h) => h.node.releaseSegment(task.key)).catch(() => undefined);
  }

  /** Loads an index file built after the segment was placed on its node. */
  attachIndex(seg: Segment, index: ServedIndex): void {
    const slot = this.#where.get(seg);
    if (!slot) return;
    const task = slot.segments.get(seg)!;
    if (task.indexes.some((i) => i.indexName === index.indexName)) return;
    slot.segments.set(seg, { ...task, indexes: [...task.indexes, index] });
    const gen = slot.generation;
    const prior = slot.loads.get(seg) ?? Promise.resolve();
    const load = prior
      .then(() => this.#node(slot))
      .then((h) => this.#bounded(h.node.loadIndex(task.key, index), h.dead, this.#options.loadTimeoutMs ?? 120_000, `loading ${index.path}`))
      .catch((e: unknown) => {
        if (slot.segments.has(seg)) this.#fault(slot, gen, 'load', asError(e), seg);
      });
    this.#track(slot, seg, load);
  }

  /** `call`, unless the node dies or `ms` pass first (no time limit without the platform's timer). */
  #bounded<T>(call: Promise<T>, dead: Promise<never>, ms: number, what: string): Promise<T> {
    const timer = this.#options.setTimer;
    if (!timer) return Promise.race([call, dead]);
    let cancel: (() => void) | undefined;
    const late = new Promise<never>((_, reject) => {
      cancel = timer(() => reject(new Error(`no answer within ${ms} ms ${what}`)), ms);
    });
    return Promise.race([call, dead, late]).finally(() => cancel?.());
  }

  /** Searches `parts` on their nodes, in parallel; hits per query, unsorted. */
  async search(parts: ReadonlyArray<{ seg: Segment; allowed: RowBitset | null }>, queries: readonly Float32Array[], req: AnnRequest): Promise<Array<Array<{ seg: Segment; row: number; distance: number }>>> {
    const bySlot = new Map<Slot, Array<{ seg: Segment; allowed: RowBitset | null }>>();
    for (const p of parts) {
      const slot = this.#where.get(p.seg);
      if (!slot) throw new QuiverError(ErrorCode.SegmentNotFound, `segment ${p.seg.id} is not served by a QueryNode`);
      bySlot.set(slot, [...(bySlot.get(slot) ?? []), p]);
    }
    const dim = queries[0]?.length ?? 0;
    const flat = new Float32Array(queries.length * dim);
    queries.forEach((q, i) => flat.set(q, i * dim));
    const out: Array<Array<{ seg: Segment; row: number; distance: number }>> = queries.map(() => []);
    await Promise.all(
      [...bySlot].map(async ([slot, mine]) => {
        const task: QueryNodeSearchTask = {
          segments: mine.map((p) => ({ key: slot.segments.get(p.seg)!.key, allowed: p.allowed ? p.allowed.bits : null })),
          queries: flat,
          dim,
          field: req.field,
          indexName: req.indexName,
          metric: req.metric,
          k: req.k,
          ...(req.ef !== undefined ? { ef: req.ef } : {}),
          ...(req.efFloor !== undefined ? { efFloor: req.efFloor } : {}),
          ...(req.radius !== undefined ? { radius: req.radius, rangeFilter: req.rangeFilter } : {}),
        };
        const hits = await this.#searchOn(slot, mine.map((p) => p.seg), task);
        let at = 0;
        for (let qi = 0; qi < hits.counts.length; qi++) {
          for (let j = 0; j < hits.counts[qi]!; j++, at++) out[qi]!.push({ seg: mine[hits.segments[at]!]!.seg, row: hits.rows[at]!, distance: hits.distances[at]! });
        }
      }),
    );
    return out;
  }

  /** Stops heartbeats and every node; searches after this fail with Closed. */
  close(): void {
    this.#closed = true;
    this.#stopHeartbeat?.();
    for (const slot of this.#slots) {
      const live = slot.live;
      slot.live = undefined;
      void live?.then((h) => h.terminate(), () => undefined);
    }
  }

  /** One search on one node; on failure the node is replaced and the search runs once more there. */
  async #searchOn(slot: Slot, segs: Segment[], task: QueryNodeSearchTask): Promise<QueryNodeHits> {
    const timeout = this.#options.searchTimeoutMs ?? 60_000;
    let first: Error | undefined;
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (this.#closed) throw new QuiverError(ErrorCode.Closed, 'the database is closed');
      const gen = slot.generation;
      try {
        // A retry waits for the replacement to load the segments again.
        if (attempt > 1) await Promise.allSettled(segs.map((s) => slot.loads.get(s)));
        const h = await this.#node(slot);
        return await this.#bounded(h.node.search(task), h.dead, timeout, `from QueryNode ${slot.n} for a search`);
      } catch (e) {
        if (this.#closed) throw new QuiverError(ErrorCode.Closed, 'the database is closed');
        const err = asError(e);
        // Bad requests are not the node's fault: no replacement, no retry.
        if (isQuiverError(err) && err.code !== ErrorCode.SegmentNotFound) throw err;
        first ??= err;
        this.#fault(slot, gen, 'search', isQuiverError(err) ? new Error(err.message) : err);
      }
    }
    throw new QuiverError(ErrorCode.ServiceUnavailable, `search failed on QueryNode ${slot.n} (${first?.message ?? 'unknown'}) and again on its replacement`, { cause: first });
  }

  /** The slot's node, started on first use. */
  #node(slot: Slot): Promise<QueryNodeHandle> {
    if (this.#closed) return Promise.reject(new QuiverError(ErrorCode.Closed, 'the database is closed'));
    if (!slot.live) {
      const gen = slot.generation;
      const live = this.#launcher.spawn();
      slot.live = live;
      live.then(
        (h) => h.dead.catch((e: unknown) => this.#fault(slot, gen, 'crash', asError(e))),
        (e: unknown) => {
          if (slot.live === live) slot.live = undefined;
          this.#record({ slot: slot.n, during: 'start', error: asError(e) });
        },
      );
    }
    return slot.live;
  }

  /** Loads `seg` on the slot's current node in the background. */
  #load(slot: Slot, seg: Segment): void {
    const gen = slot.generation;
    const load = this.#node(slot)
      .then((h) => this.#bounded(h.node.loadSegment(slot.segments.get(seg)!), h.dead, this.#options.loadTimeoutMs ?? 120_000, `loading segment ${seg.id}`))
      .then(() => {
        if (slot.generation !== gen || !slot.segments.has(seg)) return;
        slot.ready.add(seg);
        this.#loadFailures.delete(seg);
        this.#onReady.get(seg)?.();
      })
      .catch((e: unknown) => {
        if (slot.segments.has(seg)) this.#fault(slot, gen, 'load', asError(e), seg);
      });
    this.#track(slot, seg, load);
  }

  #track(slot: Slot, seg: Segment, load: Promise<void>): void {
    slot.loads.set(seg, load);
    void load.finally(() => {
      if (slot.loads.get(seg) === load) slot.loads.delete(seg);
    });
  }

  /**
   * Handles a failed call of the slot's node of generation `gen`. A QuiverError is about the
   * request or a file (corrupt, missing), not the node: the segment (if any) goes back to the
   * coordinator, which serves it itself, and the node stays. Anything else (the node died,
   * timed out, could not start) replaces the node; a segment whose load failed twice stays with
   * the coordinator, so a segment that kills its node cannot make the pool churn forever.
   */
  #fault(slot: Slot, gen: number, during: QueryNodeFailure['during'], error: Error, seg?: Segment): void {
    if (this.#closed || slot.generation !== gen) return;
    if (seg) {
      const n = (this.#loadFailures.get(seg) ?? 0) + 1;
      this.#loadFailures.set(seg, n);
      if (isQuiverError(error) || n >= 2) {
        this.#record({ slot: slot.n, during, error, segment: seg.id });
        this.release(seg);
        if (isQuiverError(error)) return;
      }
    } else if (isQuiverError(error)) {
      this.#record({ slot: slot.n, during, error });
      return;
    }
    this.#replace(slot, during, error);
  }

  /**
   * Replaces the slot's node: the old one is terminated, a new one started, and every segment of
   * the slot loaded on it again (the coordinator serves them meanwhile).
   */
  #replace(slot: Slot, during: QueryNodeFailure['during'], error: Error): void {
    slot.generation++;
    this.#record({ slot: slot.n, during, error });
    const old = slot.live;
    slot.live = undefined;
    void old?.then((h) => h.terminate(), () => undefined);
    slot.ready.clear();
    for (const seg of slot.segments.keys()) this.#load(slot, seg);
  }

  #scheduleHeartbeat(): void {
    const every = this.#options.heartbeatMs ?? 2000;
    const timer = this.#options.setTimer;
    if (every <= 0 || !timer || this.#closed) return;
    this.#stopHeartbeat = timer(() => {
      void this.#beat().finally(() => this.#scheduleHeartbeat());
    }, every);
  }

  /** Asks every started node for a heartbeat; a silent one is replaced. */
  async #beat(): Promise<void> {
    const ms = this.#options.heartbeatTimeoutMs ?? 5000;
    await Promise.all(
      this.#slots.map(async (slot) => {
        const live = slot.live;
        if (!live) return;
        const gen = slot.generation;
        try {
          const h = await live;
          await this.#bounded(h.node.heartbeat(), h.dead, ms, `from QueryNode ${slot.n} for a heartbeat`);
        } catch (e) {
          if (slot.live === live) this.#fault(slot, gen, 'heartbeat', isQuiverError(e) ? new Error(e.message) : asError(e));
        }
      }),
    );
  }

  #record(failure: QueryNodeFailure): void {
    if (this.#closed) return;
    this.failures.push(failure);
    if (this.failures.length > KEEP_FAILURES) this.failures.shift();
    this.#options.onFailure?.(failure);
  }
}
