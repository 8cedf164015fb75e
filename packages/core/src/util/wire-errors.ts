import { QuiverError, isQuiverError, type ErrorCodeValue } from '../errors.js';
import type { QueryNode, QueryNodeHits } from '../roles.js';

// Role calls that cross a worker boundary (Comlink over a Web Worker or a worker thread) keep
// only an Error's name, message and stack; these carry a QuiverError's code across as well.

/** A QuiverError as it crosses a worker boundary: a plain object, which structured clone copies whole. */
export interface WireError {
  readonly quiverError: true;
  readonly code: number;
  readonly message: string;
}

/** Worker side: the role with every method's QuiverError turned into a thrown {@link WireError}. */
export function sendErrors<R extends object>(role: R): R {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(role) as Array<keyof R & string>) {
    const fn = role[key];
    if (typeof fn !== 'function') continue;
    out[key] = async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>).apply(role, args);
      } catch (e) {
        if (isQuiverError(e)) throw { quiverError: true, code: e.code, message: e.message } satisfies WireError;
        throw e;
      }
    };
  }
  return out as R;
}

/** Caller side: turns a {@link WireError} a worker threw back into a QuiverError (anything else as is). */
export function receiveError(e: unknown): unknown {
  if (typeof e === 'object' && e !== null && (e as WireError).quiverError === true) {
    const w = e as WireError;
    return new QuiverError(w.code as ErrorCodeValue, w.message);
  }
  return e;
}

/**
 * Worker side: a QueryNode whose QuiverErrors cross the boundary with their codes and whose search
 * results go through `send` (the adapter marks their buffers as transferables).
 */
export function sendingQueryNode(node: QueryNode, send: (hits: QueryNodeHits) => QueryNodeHits): QueryNode {
  return sendErrors<QueryNode>({
    heartbeat: () => node.heartbeat(),
    loadSegment: (task) => node.loadSegment(task),
    loadIndex: (key, ix) => node.loadIndex(key, ix),
    releaseSegment: (key) => node.releaseSegment(key),
    search: async (task) => send(await node.search(task)),
  });
}

/** The buffers of search results, to hand over instead of copying. */
export function hitBuffers(hits: QueryNodeHits): ArrayBuffer[] {
  return [hits.counts.buffer, hits.segments.buffer, hits.rows.buffer, hits.distances.buffer] as ArrayBuffer[];
}

/** A QueryNode in a worker (a Comlink proxy, which has no own keys to walk) whose calls turn WireErrors back into QuiverErrors. */
export function receivingQueryNode(node: QueryNode): QueryNode {
  const call = <T>(p: Promise<T>): Promise<T> => p.catch((e: unknown) => Promise.reject(receiveError(e)));
  return {
    heartbeat: () => call(node.heartbeat()),
    loadSegment: (task) => call(node.loadSegment(task)),
    loadIndex: (key, ix) => call(node.loadIndex(key, ix)),
    releaseSegment: (key) => call(node.releaseSegment(key)),
    search: (task) => call(node.search(task)),
  };
}
