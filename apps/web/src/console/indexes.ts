// Index state of a collection: one describeIndex per index, and a poller that follows a build
// until no row is pending.
import type { Backend } from '../backend/types.js';
import type { CollectionInfo, IndexInfo } from './schema.js';

/** describeIndex for every index of the collection. */
export async function indexStates(backend: Backend, db: string, info: CollectionInfo): Promise<IndexInfo[]> {
  const out: IndexInfo[] = [];
  for (const ix of info.indexes ?? []) {
    const r = await backend.call<IndexInfo[]>('indexes/describe', { dbName: db, collectionName: info.collectionName, indexName: ix.indexName });
    out.push(...r.data);
  }
  return out;
}

/** Calls `onUpdate` every `everyMs` with the index states until none has pending rows or `signal` aborts. */
export async function followIndexBuild(backend: Backend, db: string, info: CollectionInfo, onUpdate: (s: IndexInfo[]) => void, signal: AbortSignal, everyMs = 500): Promise<IndexInfo[]> {
  for (;;) {
    const states = await indexStates(backend, db, info);
    if (signal.aborted) return states;
    onUpdate(states);
    if (states.every((s) => s.pendingRows === 0 || s.indexState === 'Failed')) return states;
    await new Promise((ok) => setTimeout(ok, everyMs));
    if (signal.aborted) return states;
  }
}

/** Rows indexed over rows to index, summed over the indexes. */
export function indexProgress(states: readonly IndexInfo[]): { done: number; total: number } {
  let done = 0;
  let total = 0;
  for (const s of states) {
    done += s.indexedRows;
    total += s.indexedRows + s.pendingRows;
  }
  return { done, total };
}
