// The embedder plug-in interface: anything that turns texts into fixed-size vectors. The demo
// ships an offline word-vector embedder (sif.ts); transformers.ts adapts a transformers.js
// feature-extraction pipeline for users who can download a model.

/** Turns texts into vectors of `dimension` floats, one per text, in order. */
export interface Embedder {
  /** A short name shown in the UI (and kept with the demo collection). */
  readonly id: string;
  /** Length of every vector `embed` returns. */
  readonly dimension: number;
  /** The metric the vectors are meant for (the demo collection's `metricType`). */
  readonly metric: 'COSINE' | 'IP' | 'L2';
  /** Embeds a batch of texts. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}
