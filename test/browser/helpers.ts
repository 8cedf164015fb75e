// Shared by the in-page browser tests: a fresh database per test, deleted afterwards.
import { afterEach } from 'vitest';
import { deleteBrowserStorage, open } from '@quiver/browser';
import type { BrowserClient, BrowserOpenOptions } from '@quiver/browser';

/** Row `i` of the test collections: id, a title, a year and a deterministic 16-d vector. */
export function row(i: number, dim = 16): { id: number; title: string; year: number; vec: number[] } {
  return { id: i, title: `Book ${i}`, year: 1900 + (i % 125), vec: vector(i, dim) };
}

/** A deterministic, non-degenerate vector for row `i`. */
export function vector(i: number, dim = 16): number[] {
  return Array.from({ length: dim }, (_, k) => Math.sin(i * 0.37 + k * 1.3) + ((i * (k + 1)) % 7) / 7);
}

/** The schema of the test collection `books` (Int64 id, VarChar title, Int16 year, 16-d vector, COSINE). */
export function booksCollection(collectionName = 'books', dim = 16): Record<string, unknown> {
  return {
    collectionName,
    schema: {
      fields: [
        { fieldName: 'id', dataType: 'Int64', isPrimary: true },
        { fieldName: 'title', dataType: 'VarChar', elementTypeParams: { max_length: 64 } },
        { fieldName: 'year', dataType: 'Int16' },
        { fieldName: 'vec', dataType: 'FloatVector', elementTypeParams: { dim } },
      ],
    },
    indexParams: [{ fieldName: 'vec', metricType: 'COSINE', indexType: 'HNSW', params: { M: 16, efConstruction: 100 } }],
  };
}

/** Fresh `idb://` URIs for a test; every client opened through `open` is closed and every database deleted after it. */
export function useDatabases(): { uri(): string; open(uri: string, options?: Partial<BrowserOpenOptions>): Promise<BrowserClient> } {
  const uris: string[] = [];
  const clients: BrowserClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close({ flush: false }).catch(() => undefined);
    // Waits (briefly) for the lock: a tab that just left a shared database's lock queue may still
    // be in the browser's queue for a moment after its close() resolved.
    for (const u of uris.splice(0)) await deleteBrowserStorage(u, { lock: 'wait', signal: AbortSignal.timeout(5000) });
  });
  return {
    uri() {
      const u = `idb://test-${crypto.randomUUID()}`;
      uris.push(u);
      return u;
    },
    async open(uri, options = {}) {
      const c = await open({ tickMs: 0, ...options, uri });
      clients.push(c);
      return c;
    },
  };
}
