// Which embedder the demo uses: the offline SIF word-vector embedder unless the app plugs in
// another one (e.g. a transformers.js pipeline through transformersEmbedder) before it mounts.
import type { Embedder } from '../embed/types.js';
import { loadEmbedder, type OnBytes } from './data.js';

let factory: ((onBytes?: OnBytes) => Promise<Embedder>) | undefined;

/** Replaces the demo's embedder; the demo collection is rebuilt for a new embedder id. */
export function setDemoEmbedder(make: () => Promise<Embedder>): void {
  let pending: Promise<Embedder> | undefined;
  factory = () => (pending ??= make());
}

/** The demo's embedder (the SIF one by default, its vocabulary downloaded with progress). */
export function demoEmbedder(onBytes?: OnBytes): Promise<Embedder> {
  return factory ? factory(onBytes) : loadEmbedder(onBytes);
}

/** How an embedder saw a question, when it can tell (the SIF embedder can). */
export interface Explains {
  tokens(text: string): Array<{ word: string; known: boolean }>;
  weightOf(word: string): number;
}

/** True when `e` can say which words it knew. */
export const explains = (e: Embedder): e is Embedder & Explains => typeof (e as Partial<Explains>).tokens === 'function' && typeof (e as Partial<Explains>).weightOf === 'function';
