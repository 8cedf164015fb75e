import { receivingQueryNode, timingOf } from '@quiver/core';
import type { QueryNode, QueryNodeHandle, QueryNodeLauncher, QueryNodeTiming, WasmSource } from '@quiver/core';
import { startRoleWorker } from '../workers/start.js';
import { spawnQueryNodeWorker } from './spawn.js';
import type { QueryNodeWorkerApi } from './worker-api.js';

/** Options of the QueryNode worker pool (`open({ queryWorkers })`). */
export interface QueryWorkerOptions extends QueryNodeTiming {
  /** How many QueryNode workers (default `min(navigator.hardwareConcurrency - 1, 4)`, at least 1). */
  readonly count?: number;
  /** Starts a worker that exposes the QueryNode worker API (default: the package's own module worker). */
  readonly spawn?: (n: number) => Worker;
  /** A worker that does not finish starting within this many ms is given up (default 30 s). */
  readonly startTimeoutMs?: number;
}

/** The default pool size: one worker per core beyond the page's own, up to 4, at least 1. */
export function defaultQueryWorkers(): number {
  const cores = typeof navigator !== 'undefined' && Number.isInteger(navigator.hardwareConcurrency) ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(cores - 1, 4));
}

/**
 * Starts QueryNodes in module Web Workers for core's QueryCoord pool: each worker opens the
 * database's OPFS objects itself and gets the compiled wasm module; its Comlink proxy is the
 * QueryNode, and a Web Lock it holds for life tells the page when it dies.
 */
export function workerQueryNodes(name: string, wasm: () => Promise<WasmSource>, options: QueryWorkerOptions = {}): QueryNodeLauncher {
  const size = options.count ?? defaultQueryWorkers();
  let started = 0;
  return {
    size,
    timing: timingOf(options),
    onFailure: (f) => console.warn(`Quiver: QueryNode worker ${f.slot} failed (${f.during})${f.segment !== undefined ? `; segment ${f.segment} is searched on the page` : ''}: ${f.error.message}`),
    async spawn(): Promise<QueryNodeHandle> {
      const n = started++ % size;
      const source = await wasm();
      const w = await startRoleWorker<QueryNodeWorkerApi, QueryNode>(() => (options.spawn ?? spawnQueryNodeWorker)(n), 'QueryNode', options.startTimeoutMs ?? 30_000, (api, lifeLock) => api.open({ name, wasm: source, lifeLock }));
      return { node: receivingQueryNode(w.role as unknown as QueryNode), dead: w.dead, terminate: () => w.stop() };
    },
  };
}
