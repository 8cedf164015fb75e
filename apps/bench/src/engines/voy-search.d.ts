// voy-search ships types for its bundler entry only; the benchmark instantiates its wasm itself
// through the glue module below (see wasm-peers.ts).
declare module 'voy-search/voy_search_bg.js' {
  export function __wbg_set_wasm(exports: unknown): void;
  export class Voy {
    constructor(resource: { embeddings: { id: string; title: string; url: string; embeddings: number[] }[] });
    search(query: Float32Array, k: number): { neighbors: { id: string; title: string; url: string }[] };
    serialize(): string;
    free(): void;
  }
}
