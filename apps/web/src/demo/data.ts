// The demo's two build-time assets (scripts/prepare-data.ts), fetched with progress: the corpus
// (gzip JSON, decompressed with DecompressionStream) and the vocabulary behind the embedder.
// After the first load the service worker serves both from its cache, offline too.
import { SifEmbedder } from '../embed/sif.js';
import { decodeVocabulary } from '../embed/vocab.js';

/** The corpus as prepared: genre names and passages [sample, genre index, text]. */
export interface Corpus {
  readonly name: string;
  readonly source: string;
  readonly genres: readonly string[];
  readonly passages: ReadonlyArray<readonly [string, number, string]>;
}

/** Progress of a download: bytes so far and the total when the server said it. */
export type OnBytes = (loaded: number, total: number) => void;

const asset = (name: string): string => new URL(`data/${name}`, document.baseURI).href;

/** Fetches `url` to bytes, reporting progress. */
export async function download(url: string, onBytes?: OnBytes): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`cannot download ${url} (${(e as Error).message}); the demo's data is cached after one online visit`);
  }
  if (!res.ok || res.body === null) throw new Error(`cannot download ${url}: HTTP ${res.status}`);
  const total = Number(res.headers.get('content-length')) || 0;
  const parts: Uint8Array[] = [];
  let loaded = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.length;
    onBytes?.(loaded, total);
  }
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The text of gzip bytes; bytes that are not gzip (a server that already decoded them, e.g. one sending `Content-Encoding: gzip` for .gz files) are taken as they are. */
async function gunzip(bytes: Uint8Array): Promise<string> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

/** Downloads and parses the corpus. */
export async function loadCorpus(onBytes?: OnBytes): Promise<Corpus> {
  const url = asset('corpus.json.gz');
  const bytes = await download(url, onBytes);
  let c: Corpus;
  try {
    c = JSON.parse(await gunzip(bytes)) as Corpus;
  } catch (e) {
    throw new Error(`${url} is not a readable corpus (${(e as Error).message}); rebuild the app (npm run build -w @quiver/web)`);
  }
  if (!Array.isArray(c.passages) || !Array.isArray(c.genres)) throw new Error(`${url}: not a prepared corpus`);
  return c;
}

let embedder: Promise<SifEmbedder> | undefined;

/** The offline SIF embedder (its vocabulary downloaded once per page). */
export function loadEmbedder(onBytes?: OnBytes): Promise<SifEmbedder> {
  embedder ??= download(asset('vocab.bin'), onBytes)
    .then((b) => new SifEmbedder(decodeVocabulary(b, asset('vocab.bin'))))
    .catch((e: unknown) => {
      embedder = undefined;
      throw e;
    });
  return embedder;
}
