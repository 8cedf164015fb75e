// A transformers.js feature-extraction pipeline as an Embedder, for users who can download a
// model (e.g. pipeline('feature-extraction', 'Xenova/all-MiniLM-L6-v2')). The app does not
// depend on transformers.js: anything callable the same way fits.
import type { Embedder } from './types.js';

/** What a transformers.js feature-extraction pipeline returns: a [texts × dim] tensor. */
export interface FeatureTensor {
  readonly data: ArrayLike<number>;
  readonly dims: readonly number[];
}

/** The call shape of a transformers.js feature-extraction pipeline. */
export type FeatureExtractionPipeline = (texts: string[], options: { pooling: 'mean' | 'cls'; normalize: boolean }) => Promise<FeatureTensor>;

/** Options of {@link transformersEmbedder}. */
export interface TransformersEmbedderOptions {
  /** Name shown in the UI and kept with the demo collection (e.g. the model id). */
  readonly id: string;
  /** Pooling over tokens (default "mean", what sentence-transformers models expect). */
  readonly pooling?: 'mean' | 'cls';
  /** Texts per pipeline call (default 32). */
  readonly batchSize?: number;
}

/** Wraps `pipe`; the dimension is read from one probe embedding. Vectors are unit length (COSINE). */
export async function transformersEmbedder(pipe: FeatureExtractionPipeline, opts: TransformersEmbedderOptions): Promise<Embedder> {
  const pooling = opts.pooling ?? 'mean';
  const batchSize = opts.batchSize ?? 32;
  const run = async (texts: string[]): Promise<Float32Array[]> => {
    const t = await pipe(texts, { pooling, normalize: true });
    const [n, dim] = t.dims;
    if (t.dims.length !== 2 || n !== texts.length || dim === undefined) throw new Error(`${opts.id}: expected a [${texts.length} × dim] tensor, got [${t.dims.join(' × ')}] (is it a feature-extraction pipeline with pooling?)`);
    return Array.from({ length: n }, (_, i) => Float32Array.from({ length: dim }, (_, k) => t.data[i * dim + k]!));
  };
  const [probe] = await run(['dimension probe']);
  return {
    id: opts.id,
    dimension: probe!.length,
    metric: 'COSINE',
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) out.push(...(await run(texts.slice(i, i + batchSize))));
      return out;
    },
  };
}
