import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { wrap } from 'comlink';
import { ErrorCode, QuiverError, receivingQueryNode, timingOf } from '@quiver/core';
import type { QueryNode, QueryNodeHandle, QueryNodeLauncher, QueryNodeTiming } from '@quiver/core';
import { nodeEndpoint } from './endpoint.js';
import type { QueryNodeThreadApi } from './worker-api.js';

/** Options of the QueryNode thread pool (`open({ queryWorkers })`). */
export interface QueryThreadOptions extends QueryNodeTiming {
  /** How many QueryNode threads (default `min(availableParallelism() - 1, 4)`, at least 1). */
  readonly count?: number;
  /** Starts a thread that exposes the QueryNode thread API (default: the package's entry). */
  readonly spawn?: (n: number) => Worker;
  /** A thread that does not start within this many ms is given up (default 30 s). */
  readonly startTimeoutMs?: number;
}

/** One thread per core beyond the main one, up to 4, at least 1. */
export function defaultQueryThreads(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 4));
}

/**
 * The thread entry: `querynode.thread.js` beside this module in `dist/`. Running from the
 * TypeScript sources (tests), the compiled entry of `dist/` is used, so `npm run build` first.
 */
export function queryThreadEntry(): URL {
  const here = new URL('./querynode.thread.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL('../../dist/querynode/querynode.thread.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new QuiverError(ErrorCode.Unsupported, `the QueryNode thread entry is not built (${fileURLToPath(built)}); run npm run build`);
}

/**
 * Worker options of a QueryNode thread: none of this process's flags (a `--conditions` that
 * points packages at their TypeScript sources would break the compiled entry's imports).
 */
export function queryThreadOptions(n: number): WorkerOptions {
  return { name: `quiver-querynode-${n}`, execArgv: [] };
}

/** `call`, unless the thread exits or `ms` pass first. */
function bounded<T>(call: Promise<T>, dead: Promise<never>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the QueryNode thread did not start within ${ms} ms`)), ms);
  });
  return Promise.race([call, dead, late]).finally(() => clearTimeout(timer));
}

/**
 * Starts QueryNodes in worker threads for core's QueryCoord pool: each opens the data folder's
 * objects itself and gets the compiled wasm module; `exit` or `error` of the thread is its death.
 */
export function threadQueryNodes(dir: string, wasm: () => Promise<WebAssembly.Module>, options: QueryThreadOptions = {}): QueryNodeLauncher {
  const size = options.count ?? defaultQueryThreads();
  let started = 0;
  return {
    size,
    timing: timingOf(options),
    onFailure: (f) => process.emitWarning(`QueryNode thread ${f.slot} failed (${f.during})${f.segment !== undefined ? `; segment ${f.segment} is searched in the main thread` : ''}: ${f.error.message}`, { code: 'QUIVER_QUERYNODE' }),
    async spawn(): Promise<QueryNodeHandle> {
      const n = started++ % size;
      const module = await wasm();
      const worker = options.spawn ? options.spawn(n) : new Worker(queryThreadEntry(), queryThreadOptions(n));
      let die!: (e: Error) => void;
      const dead = new Promise<never>((_, reject) => (die = reject));
      dead.catch(() => undefined);
      worker.on('error', (e) => die(new Error(`the QueryNode thread failed: ${e.message}`)));
      worker.on('exit', (code) => die(new Error(`the QueryNode thread stopped (exit code ${code})`)));
      try {
        const api = wrap<QueryNodeThreadApi>(nodeEndpoint(worker));
        const node = await bounded(api.open({ dir, wasm: module }), dead, options.startTimeoutMs ?? 30_000);
        return { node: receivingQueryNode(node as unknown as QueryNode), dead, terminate: () => void worker.terminate() };
      } catch (e) {
        void worker.terminate();
        throw e;
      }
    },
  };
}
