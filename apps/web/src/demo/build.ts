// Builds the demo collection in the browser's database: downloads the corpus and vocabulary,
// embeds every passage with the offline embedder, inserts them in batches (resuming after the
// rows already there: ids are positions and each batch is atomic), flushes, and follows the
// HNSW build to the end.
import type { Backend } from '../backend/types.js';
import type { Embedder } from '../embed/types.js';
import { loadCorpus, type Corpus } from './data.js';
import { demoEmbedder } from './embedder.js';

/** The demo collection's name (database "default"). */
export const DEMO_COLLECTION = 'brown_passages';
const BATCH = 1000;

/** A step of the build, for the progress display. */
export interface BuildProgress {
  readonly step: 'download' | 'insert' | 'flush' | 'index';
  readonly done: number;
  readonly total: number;
}

/** What the collection's description says: which embedder made its vectors, over how many passages. */
export function demoDescription(e: Embedder, passages: number): string {
  return `Brown Corpus passages embedded with ${e.id} (${passages} passages)`;
}

/** The demo collection's schema and index (COSINE HNSW on the 100-d vectors). */
export function demoCollectionBody(e: Embedder, passages: number): Record<string, unknown> {
  return {
    collectionName: DEMO_COLLECTION,
    description: demoDescription(e, passages),
    schema: {
      enableDynamicField: false,
      fields: [
        { fieldName: 'id', dataType: 'Int64', isPrimary: true },
        { fieldName: 'text', dataType: 'VarChar', elementTypeParams: { max_length: 4096 } },
        { fieldName: 'genre', dataType: 'VarChar', elementTypeParams: { max_length: 32 } },
        { fieldName: 'doc', dataType: 'VarChar', elementTypeParams: { max_length: 8 } },
        { fieldName: 'words', dataType: 'Int32' },
        { fieldName: 'vector', dataType: 'FloatVector', elementTypeParams: { dim: e.dimension } },
      ],
    },
    indexParams: [{ fieldName: 'vector', indexName: 'vector', metricType: e.metric, indexType: 'HNSW', params: { M: 16, efConstruction: 128 } }],
  };
}

/** State of the demo collection: absent, partly built (rows so far), or ready. */
export async function demoState(backend: Backend, e: Embedder, passages: number): Promise<{ rows: number; ready: boolean; exists: boolean }> {
  const has = await backend.call<{ has: boolean }>('collections/has', { collectionName: DEMO_COLLECTION });
  if (!has.data.has) return { rows: 0, ready: false, exists: false };
  const info = await backend.call<{ description?: string }>('collections/describe', { collectionName: DEMO_COLLECTION });
  if (info.data.description !== demoDescription(e, passages)) return { rows: -1, ready: false, exists: true };
  const c = await backend.call<Array<Record<string, unknown>>>('entities/query', { collectionName: DEMO_COLLECTION, filter: '', outputFields: ['count(*)'] });
  const rows = Number(c.data[0]?.['count(*)'] ?? 0);
  if (rows < passages) return { rows, ready: false, exists: true };
  const ix = await backend.call<Array<{ pendingRows: number }>>('indexes/describe', { collectionName: DEMO_COLLECTION, indexName: 'vector' });
  return { rows, ready: ix.data.every((s) => s.pendingRows === 0), exists: true };
}

/** Words in a passage, as the collection's `words` field counts them. */
export const wordsOf = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Loads the demo's assets (corpus and embedder) with download progress. */
export async function loadDemoAssets(onProgress: (p: BuildProgress) => void): Promise<{ corpus: Corpus; embedder: Embedder }> {
  const seen = { corpus: [0, 0], vocab: [0, 0] };
  const report = (): void => onProgress({ step: 'download', done: seen.corpus[0]! + seen.vocab[0]!, total: seen.corpus[1]! + seen.vocab[1]! });
  const [corpus, embedder] = await Promise.all([
    loadCorpus((l, t) => ((seen.corpus = [l, t]), report())),
    demoEmbedder((l, t) => ((seen.vocab = [l, t]), report())),
  ]);
  return { corpus, embedder };
}

/** Builds (or finishes building) the demo collection over the first `limit` passages. */
export async function buildDemo(backend: Backend, corpus: Corpus, embedder: Embedder, limit: number, onProgress: (p: BuildProgress) => void, signal?: AbortSignal): Promise<void> {
  const passages = corpus.passages.slice(0, limit);
  const state = await demoState(backend, embedder, passages.length);
  if (state.exists && state.rows < 0) await backend.call('collections/drop', { collectionName: DEMO_COLLECTION });
  if (!state.exists || state.rows < 0) await backend.call('collections/create', demoCollectionBody(embedder, passages.length));
  let done = Math.max(0, state.rows);
  onProgress({ step: 'insert', done, total: passages.length });
  while (done < passages.length) {
    signal?.throwIfAborted();
    const batch = passages.slice(done, done + BATCH);
    const vectors = await embedder.embed(batch.map((p) => p[2]));
    const data = batch.map(([doc, genre, text], i) => ({ id: done + i, text, genre: corpus.genres[genre] ?? 'unknown', doc, words: wordsOf(text), vector: Array.from(vectors[i]!) }));
    await backend.call('entities/insert', { collectionName: DEMO_COLLECTION, data });
    done += batch.length;
    onProgress({ step: 'insert', done, total: passages.length });
  }
  onProgress({ step: 'flush', done: 0, total: 0 });
  await backend.call('collections/flush', { collectionName: DEMO_COLLECTION });
  for (;;) {
    signal?.throwIfAborted();
    const ix = await backend.call<Array<{ indexedRows: number; pendingRows: number }>>('indexes/describe', { collectionName: DEMO_COLLECTION, indexName: 'vector' });
    const s = ix.data[0]!;
    onProgress({ step: 'index', done: s.indexedRows, total: s.indexedRows + s.pendingRows });
    if (s.pendingRows === 0) return;
    await new Promise((ok) => setTimeout(ok, 300));
  }
}
