import { describe, expect, it } from 'vitest';
import { firstPrincipalComponent, normalize, removeComponent, SifEmbedder } from '../../apps/web/src/embed/sif.js';
import { tokenize } from '../../apps/web/src/embed/tokenize.js';
import { transformersEmbedder, type FeatureExtractionPipeline } from '../../apps/web/src/embed/transformers.js';
import { decodeVocabulary, encodeVocabulary, quantize, type Vocabulary } from '../../apps/web/src/embed/vocab.js';

const known = new Set(['do', "n't", 'city', "'s", 'cross-country', 'well', 'known', 'u.s.', 'mid', 'century', 'the']);

describe('tokenize', () => {
  it('lower-cases, drops punctuation, splits contractions and unknown hyphenated words as GloVe spells them', () => {
    expect(tokenize("Don't! The City's cross-country well-known U.S. mid-century", (w) => known.has(w)))
      .toEqual(['do', "n't", 'the', 'city', "'s", 'cross-country', 'well', 'known', 'u.s.', 'mid', 'century']);
  });
  it('keeps every word as is without a vocabulary', () => {
    expect(tokenize('Hello, “quoted” world — 1961.')).toEqual(['hello', 'quoted', 'world', '1961']);
  });
});

/** A 3-word, 2-d vocabulary with exact int8 values (scale 1/127 → vectors are v/127). */
function tiny(pc = new Float32Array(2)): Vocabulary {
  const rows = [Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(1, 1)];
  const { scale, vectors } = quantize(rows, 2);
  return { dim: 2, sifA: 0.01, pc, words: ['the', 'cat', 'sat'], prob: Float32Array.of(0.09, 0.01, 0.01), scale, vectors };
}

describe('vocabulary asset', () => {
  it('round-trips through its binary format', () => {
    const v = tiny(Float32Array.of(0.6, 0.8));
    const back = decodeVocabulary(encodeVocabulary(v));
    expect(back.words).toEqual(v.words);
    expect([...back.pc]).toEqual([...v.pc].map(Math.fround));
    expect([...back.prob]).toEqual([...v.prob]);
    expect([...back.vectors]).toEqual([...v.vectors]);
    expect(back.sifA).toBeCloseTo(0.01, 6);
  });

  it('refuses damaged or foreign bytes, naming the asset', () => {
    const bytes = encodeVocabulary(tiny());
    const flipped = bytes.slice();
    flipped[40]! ^= 1;
    expect(() => decodeVocabulary(flipped, 'vocab.bin')).toThrow('vocab.bin: checksum mismatch (damaged or truncated download)');
    expect(() => decodeVocabulary(bytes.slice(0, bytes.length - 10), 'vocab.bin')).toThrow('vocab.bin: checksum mismatch');
    const foreign = bytes.slice();
    foreign[0] = 0x58;
    expect(() => decodeVocabulary(foreign, 'vocab.bin')).toThrow('vocab.bin: not a Quiver vocabulary (bad magic)');
  });

  it('quantizes each row to int8 within half a step of its scale', () => {
    const row = Float32Array.of(0.5, -2, 1.25, 0);
    const { scale, vectors } = quantize([row], 4);
    expect(scale[0]).toBeCloseTo(2 / 127, 7);
    row.forEach((x, k) => expect(Math.abs(vectors[k]! * scale[0]! - x)).toBeLessThanOrEqual(scale[0]! / 2 + 1e-7));
  });
});

describe('SIF embedder', () => {
  it('weights words by a / (a + p(w)), averages over known words, ignores unknown ones', () => {
    const sif = new SifEmbedder(tiny());
    // weights: the 0.01/0.10 = 0.1, cat 0.5, sat 0.5; "dog" unknown
    const m = sif.weightedMean('The cat, the dog.');
    expect(m.known).toBe(3);
    expect(m.vector[0]).toBeCloseTo((0.1 + 0 + 0.1) / 3, 6);
    expect(m.vector[1]).toBeCloseTo((0 + 0.5 + 0) / 3, 6);
    expect(sif.tokens('cat dog')).toEqual([{ word: 'cat', known: true }, { word: 'dog', known: false }]);
  });

  it('removes the common component and returns unit vectors (zeros when no word is known)', () => {
    const sif = new SifEmbedder(tiny(Float32Array.of(1, 0)));
    const v = sif.embedOne('the cat');
    expect(v[0]).toBeCloseTo(0, 6);
    expect(v[1]).toBeCloseTo(1, 6);
    expect([...sif.embedOne('unknown words only')]).toEqual([0, 0]);
  });

  it('finds the dominant direction of the rows as the first principal component', () => {
    const rows = Array.from({ length: 50 }, (_, i) => Float32Array.of(3 * (i - 25) + 0.1 * Math.sin(i), 4 * (i - 25), 0.2 * Math.cos(i)));
    const pc = firstPrincipalComponent(rows, 3);
    expect(Math.abs(pc[0]!)).toBeCloseTo(0.6, 2);
    expect(Math.abs(pc[1]!)).toBeCloseTo(0.8, 2);
    const v = Float32Array.of(3, 4, 1);
    removeComponent(v, normalize(Float32Array.of(0.6, 0.8, 0)));
    expect([...v].map((x) => +x.toFixed(5) || 0)).toEqual([0, 0, 1]);
  });
});

describe('transformers.js embedder adapter', () => {
  /** A stand-in with a feature-extraction pipeline's call shape: 2-d vectors [len, 1], normalized. */
  const calls: string[][] = [];
  const pipe: FeatureExtractionPipeline = async (texts, options) => {
    calls.push(texts);
    expect(options).toEqual({ pooling: 'mean', normalize: true });
    const data = texts.flatMap((t) => {
      const n = Math.hypot(t.length, 1);
      return [t.length / n, 1 / n];
    });
    return { data: Float32Array.from(data), dims: [texts.length, 2] };
  };

  it('reads the dimension from a probe, embeds in batches, keeps order', async () => {
    const e = await transformersEmbedder(pipe, { id: 'stub', batchSize: 2 });
    expect([e.id, e.dimension, e.metric]).toEqual(['stub', 2, 'COSINE']);
    const out = await e.embed(['a', 'bbb', 'cc']);
    expect(calls.slice(1)).toEqual([['a', 'bbb'], ['cc']]);
    expect(out.map((v) => +(v[0]! / v[1]!).toFixed(6))).toEqual([1, 3, 2]);
  });

  it('refuses a pipeline whose output is not one vector per text', async () => {
    const bad: FeatureExtractionPipeline = async (texts) => ({ data: new Float32Array(texts.length * 6), dims: [texts.length, 3, 2] });
    await expect(transformersEmbedder(bad, { id: 'tokens' })).rejects.toThrow('tokens: expected a [1 × dim] tensor, got [1 × 3 × 2]');
  });
});
