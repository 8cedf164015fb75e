import { wrap, type Remote } from 'comlink';
import { ErrorCode, QuiverError } from '@quiver/core';
import type { IndexBuildTask, IndexNode, WasmSource } from '@quiver/core';
import { spawnIndexNodeWorker } from './spawn.js';
import type { IndexNodeWorkerApi } from './worker-api.js';

/** One failed attempt to build an index in a worker. */
export interface IndexNodeFailure {
  /** The index file the build was writing. */
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

/** What the page needs to run the role: the database, the wasm module, and an in-process IndexNode for the fallback. */
export interface IndexNodeWorkerSetup {
  readonly name: string;
  readonly wasm: () => Promise<WasmSource>;
  readonly fallback: () => IndexNode;
}

interface Live {
  readonly worker: Worker;
  readonly node: Remote<IndexNode>;
  /** Rejects once the worker is gone (terminated, crashed, failed to load). */
  readonly dead: Promise<never>;
  readonly unwatch: AbortController;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const KEEP_FAILURES = 20;

/**
 * The IndexNode role in a module Web Worker, reached through Comlink (`wrap()` of the worker's
 * API is the client). A build that fails — the worker threw, crashed, was terminated, or gave no
 * answer within `timeoutMs` — is retried once in a fresh worker, then runs in-process on this
 * thread; every failed attempt is recorded in {@link failures} and reported to `onFailure`.
 * The worker holds a Web Lock for its whole life, so its death is noticed at once.
 */
export class WorkerIndexNode implements IndexNode {
  /** The most recent failed worker attempts (at most 20), oldest first. */
  readonly failures: IndexNodeFailure[] = [];
  readonly #setup: IndexNodeWorkerSetup;
  readonly #options: IndexNodeWorkerOptions;
  #live: Promise<Live> | undefined;
  #fallback: IndexNode | undefined;
  #closed = false;

  constructor(setup: IndexNodeWorkerSetup, options: IndexNodeWorkerOptions = {}) {
    this.#setup = setup;
    this.#options = options;
  }

  async buildIndex(task: IndexBuildTask): Promise<{ bytes: number }> {
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (this.#closed) throw new QuiverError(ErrorCode.Closed, 'the IndexNode worker is closed');
      const live = this.#live ?? (this.#live = this.#start());
      try {
        const l = await live;
        return await this.#bounded(l.node.buildIndex(task), l.dead, `building ${task.indexPath}`);
      } catch (e) {
        if (this.#closed) throw e;
        this.#record({ indexPath: task.indexPath, attempt, error: e instanceof Error ? e : new Error(String(e)) });
        if (this.#live === live) this.#stop();
      }
    }
    this.#fallback ??= this.#setup.fallback();
    return this.#fallback.buildIndex(task);
  }

  /** Terminates the worker; builds after this fail with `Closed`. */
  close(): void {
    this.#closed = true;
    this.#stop();
  }

  /** Spawns a worker and opens the role in it. */
  async #start(): Promise<Live> {
    const worker = (this.#options.spawn ?? spawnIndexNodeWorker)();
    const unwatch = new AbortController();
    let die!: (e: Error) => void;
    const dead = new Promise<never>((_, reject) => (die = reject));
    dead.catch(() => undefined);
    worker.addEventListener('error', (ev) => die(new Error(`the IndexNode worker failed: ${ev.message || 'it could not be loaded'}`)));
    worker.addEventListener('messageerror', () => die(new Error('the IndexNode worker sent a message that could not be read')));
    const api = wrap<IndexNodeWorkerApi>(worker);
    const lifeLock = `quiver:indexnode:${crypto.randomUUID()}`;
    try {
      const wasm = await this.#setup.wasm();
      const node = await this.#bounded(api.open({ name: this.#setup.name, wasm, lifeLock }), dead, 'starting');
      // The worker holds lifeLock from now on: this request is granted only when it is gone.
      navigator.locks
        .request(lifeLock, { signal: unwatch.signal }, () => die(new Error('the IndexNode worker stopped (terminated or crashed)')))
        .catch(() => undefined);
      return { worker, node, dead, unwatch };
    } catch (e) {
      worker.terminate();
      throw e;
    }
  }

  /** Terminates the current worker (if any); the next build starts a fresh one. */
  #stop(): void {
    const live = this.#live;
    this.#live = undefined;
    void live?.then(
      (l) => {
        l.unwatch.abort();
        l.worker.terminate(); // its Comlink proxies go with it
      },
      () => undefined,
    );
  }

  /** `call`, unless the worker dies or the timeout passes first. */
  #bounded<T>(call: Promise<T>, dead: Promise<never>, what: string): Promise<T> {
    const ms = this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the IndexNode worker gave no answer within ${ms} ms while ${what}`)), ms);
    });
    return Promise.race([call, dead, late]).finally(() => clearTimeout(timer));
  }

  #record(failure: IndexNodeFailure): void {
    this.failures.push(failure);
    if (this.failures.length > KEEP_FAILURES) this.failures.shift();
    console.warn(`Quiver: index build of ${failure.indexPath} failed in the IndexNode worker (attempt ${failure.attempt}): ${failure.error.message}`);
    this.#options.onFailure?.(failure);
  }
}
