// SIF sentence embeddings (Arora, Liang & Ma, "A Simple but Tough-to-Beat Baseline for Sentence
// Embeddings", ICLR 2017): the mean of the word vectors weighted by a / (a + p(w)), minus the
// projection on the corpus's first principal component, scaled to unit length.
import type { Embedder } from './types.js';
import { tokenize } from './tokenize.js';
import type { Vocabulary } from './vocab.js';

/** Weighted mean of the known words of `tokens` (zeros when none is known); `known` counts them. */
export interface WeightedMean {
  readonly vector: Float32Array;
  readonly known: number;
}

/** The offline word-vector embedder over a prepared {@link Vocabulary}. */
export class SifEmbedder implements Embedder {
  readonly id = 'sif-glove-100d';
  readonly metric = 'COSINE' as const;
  readonly dimension: number;
  private readonly index = new Map<string, number>();
  private readonly weight: Float32Array;

  constructor(private readonly vocab: Vocabulary) {
    this.dimension = vocab.dim;
    vocab.words.forEach((w, i) => this.index.set(w, i));
    this.weight = vocab.prob.map((p) => vocab.sifA / (vocab.sifA + p));
  }

  /** True when the vocabulary has a vector for `word` (already lower case). */
  has(word: string): boolean {
    return this.index.has(word);
  }

  /** SIF weight of `word` (0 when unknown): near 1 for rare words, small for "the", "of", …. */
  weightOf(word: string): number {
    const i = this.index.get(word);
    return i === undefined ? 0 : this.weight[i]!;
  }

  /** The tokens of `text` as this embedder sees them, each with whether it has a vector. */
  tokens(text: string): Array<{ word: string; known: boolean }> {
    return tokenize(text, (w) => this.index.has(w)).map((word) => ({ word, known: this.index.has(word) }));
  }

  /** SIF step 1: the weighted mean of the known words (before the common component is removed). */
  weightedMean(text: string): WeightedMean {
    const { dim, scale, vectors } = this.vocab;
    const out = new Float32Array(dim);
    let known = 0;
    for (const word of tokenize(text, (w) => this.index.has(w))) {
      const i = this.index.get(word);
      if (i === undefined) continue;
      known++;
      const f = this.weight[i]! * scale[i]!;
      const row = i * dim;
      for (let k = 0; k < dim; k++) out[k]! += f * vectors[row + k]!;
    }
    if (known > 0) for (let k = 0; k < dim; k++) out[k]! /= known;
    return { vector: out, known };
  }

  /** One text's embedding: weighted mean, common component removed, unit length (zeros when no word is known). */
  embedOne(text: string): Float32Array {
    const v = this.weightedMean(text).vector;
    removeComponent(v, this.vocab.pc);
    return normalize(v);
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    return Promise.resolve(texts.map((t) => this.embedOne(t)));
  }
}

/** Subtracts `v`'s projection on the unit vector `u`, in place. */
export function removeComponent(v: Float32Array, u: Float32Array): void {
  let dot = 0;
  for (let k = 0; k < v.length; k++) dot += v[k]! * u[k]!;
  for (let k = 0; k < v.length; k++) v[k]! -= dot * u[k]!;
}

/** Scales `v` to unit length in place (a zero vector stays zero). */
export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let k = 0; k < v.length; k++) n += v[k]! * v[k]!;
  if (n > 0) {
    const s = 1 / Math.sqrt(n);
    for (let k = 0; k < v.length; k++) v[k]! *= s;
  }
  return v;
}

/**
 * The first right singular vector of the rows (uncentered, as SIF's TruncatedSVD), by power
 * iteration on XᵀX from a fixed start, so a build is reproducible.
 */
export function firstPrincipalComponent(rows: readonly Float32Array[], dim: number, iterations = 50): Float32Array {
  let u: Float32Array = new Float32Array(dim).fill(1 / Math.sqrt(dim));
  for (let it = 0; it < iterations; it++) {
    const next = new Float32Array(dim);
    for (const r of rows) {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += r[k]! * u[k]!;
      for (let k = 0; k < dim; k++) next[k]! += dot * r[k]!;
    }
    u = normalize(next);
  }
  return u;
}
