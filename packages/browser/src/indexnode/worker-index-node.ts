import { ErrorCode, QuiverError, isQuiverError } from '@quiver/core';
import type { DataNode, IndexBuildTask, IndexNode, SegmentWriteTask, WasmSource } from '@quiver/core';
import { bounded, receiveError, startRoleWorker, type RoleWorker } from '../workers/start.js';
import { spawnIndexNodeWorker } from './spawn.js';
import type { IndexNodeWorkerApi } from './worker-api.js';

/** One failed attempt to build an index or write a segment file in the worker. */
export interface IndexNodeFailure {
  /** The file the attempt was writing (an index file, or a segment file for DataNode). */
  readonly indexPath: string;
  /** 1: the first worker; 2: the retry in a fresh worker (after which the build runs in-process). */
  readonly attempt: number;
  readonly error: Error;
}

/** Options of the IndexNode worker (`open({ indexNode })`). */
export interface IndexNodeWorkerOptions {
  /** Starts a worker that exposes the IndexNode worker API (default: the package's own module worker). */
  readonly spawn?: () => Worker;
  /** A worker that neither answers nor dies within this many ms is given up (default 10 min). */
  readonly timeoutMs?: number;
  /** Told of every failed worker attempt (they are also kept in `failures`). */
  readonly onFailure?: (failure: IndexNodeFailure) => void;
}

/** What the page needs to run the roles: the database, the wasm module, and in-process roles for the fallback. */
export interface IndexNodeWorkerSetup {
  readonly name: string;
  readonly wasm: () => Promise<WasmSource>;
  readonly fallback: () => IndexNode;
  /** Writes segment files in this thread when the worker fails (default: DataNode calls fail instead). */
  readonly dataFallback?: () => DataNode;
}

type Live = RoleWorker<IndexNode & DataNode>;

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const KEEP_FAILURES = 20;
/** A worker that has not opened its roles within this many ms (module load, OPFS, wasm) is given up. */
const START_TIMEOUT_MS = 60_000;

/**
 * The IndexNode and DataNode roles in a module Web Worker, reached through Comlink (`wrap()` of
 * the worker's API is the client). A call that fails — the worker crashed, was terminated, or gave
 * no answer within `timeoutMs` — is retried once in a fresh worker, then runs in-process on this
 * thread; every failed attempt is recorded in {@link failures} and reported to `onFailure`. A
 * QuiverError from the worker (a full quota, a corrupt file) is the answer, not a worker failure:
 * it is thrown as is. The worker holds a Web Lock for its whole life, so its death is noticed at once.
 */
export class WorkerIndexNode implements IndexNode, DataNode {
  /** The most recent failed worker attempts (at most 20), oldest first. */
  readonly failures: IndexNodeFailure[] = [];
  readonly #setup: IndexNodeWorkerSetup;
  readonly #options: IndexNodeWorkerOptions;
  #live: Promise<Live> | undefined;
  #fallback: IndexNode | undefined;
  #dataFallback: DataNode | undefined;
  #closed = false;

  constructor(setup: IndexNodeWorkerSetup, options: IndexNodeWorkerOptions = {}) {
    this.#setup = setup;
    this.#options = options;
  }

  buildIndex(task: IndexBuildTask): Promise<{ bytes: number }> {
    return this.#run(task.indexPath, `building ${task.indexPath}`, (l) => l.role.buildIndex(task), () => (this.#fallback ??= this.#setup.fallback()).buildIndex(task));
  }

  /** DataNode: writes a segment file in the worker (sync access handle + flush). */
  writeSegment(task: SegmentWriteTask): Promise<void> {
    const local = this.#setup.dataFallback;
    return this.#run(task.path, `writing ${task.path}`, (l) => l.role.writeSegment(task), () => {
      if (!local) throw new QuiverError(ErrorCode.IoFailed, `writing ${task.path}: the DataNode worker failed twice (${this.failures[this.failures.length - 1]?.error.message ?? 'unknown'})`);
      return (this.#dataFallback ??= local()).writeSegment(task);
    });
  }

  /** Terminates the worker; calls after this fail with `Closed`. */
  close(): void {
    this.#closed = true;
    this.#stop();
  }

  async #run<T>(path: string, what: string, call: (l: Live) => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (this.#closed) throw new QuiverError(ErrorCode.Closed, 'the IndexNode worker is closed');
      const live = this.#live ?? (this.#live = this.#start());
      try {
        const l = await live;
        return await bounded(call(l).catch((e: unknown) => Promise.reject(receiveError(e))), l.dead, this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'IndexNode', what);
      } catch (e) {
        if (this.#closed || isQuiverError(e)) throw e;
        this.#record({ indexPath: path, attempt, error: e instanceof Error ? e : new Error(String(e)) });
        if (this.#live === live) this.#stop();
      }
    }
    return fallback();
  }

  /** Spawns a worker and opens the roles in it. */
  async #start(): Promise<Live> {
    const wasm = await this.#setup.wasm();
    return startRoleWorker<IndexNodeWorkerApi, IndexNode & DataNode>(this.#options.spawn ?? spawnIndexNodeWorker, 'IndexNode', START_TIMEOUT_MS, (api, lifeLock) => api.open({ name: this.#setup.name, wasm, lifeLock }));
  }

  /** Terminates the current worker (if any); the next call starts a fresh one. */
  #stop(): void {
    const live = this.#live;
    this.#live = undefined;
    void live?.then((l) => l.stop(), () => undefined);
  }

  #record(failure: IndexNodeFailure): void {
    this.failures.push(failure);
    if (this.failures.length > KEEP_FAILURES) this.failures.shift();
    console.warn(`Quiver: ${failure.indexPath} failed in the IndexNode worker (attempt ${failure.attempt}): ${failure.error.message}`);
    this.#options.onFailure?.(failure);
  }
}
