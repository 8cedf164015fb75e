// The part of Deno's runtime API this entry uses (Deno KV, Deno.serve, env, signals, files).
// Declared here so the server builds with tsc and @types/node; Deno itself has the real types.
// Type declarations only: nothing is defined at run time.

/** A Deno KV key: a tuple of parts. */
type DenoKvKey = ReadonlyArray<string | number | bigint | boolean | Uint8Array>;

/** One entry read from Deno KV. */
interface DenoKvEntry<T = unknown> {
  readonly key: DenoKvKey;
  readonly value: T;
  readonly versionstamp: string;
}

/** A possibly-absent entry (`value` null, `versionstamp` null when absent). */
interface DenoKvEntryMaybe<T = unknown> {
  readonly key: DenoKvKey;
  readonly value: T | null;
  readonly versionstamp: string | null;
}

/** An atomic operation: checks, then mutations, applied all or none. */
interface DenoAtomicOperation {
  check(...checks: Array<{ key: DenoKvKey; versionstamp: string | null }>): DenoAtomicOperation;
  set(key: DenoKvKey, value: unknown): DenoAtomicOperation;
  delete(key: DenoKvKey): DenoAtomicOperation;
  commit(): Promise<{ ok: true; versionstamp: string } | { ok: false }>;
}

/** Selects a key range for `list`. */
type DenoKvListSelector = { prefix: DenoKvKey } | { prefix: DenoKvKey; start: DenoKvKey } | { prefix: DenoKvKey; end: DenoKvKey } | { start: DenoKvKey; end: DenoKvKey };

/** A Deno KV database. */
interface DenoKv {
  get<T = unknown>(key: DenoKvKey): Promise<DenoKvEntryMaybe<T>>;
  set(key: DenoKvKey, value: unknown): Promise<{ ok: true; versionstamp: string }>;
  delete(key: DenoKvKey): Promise<void>;
  list<T = unknown>(selector: DenoKvListSelector, options?: { limit?: number; batchSize?: number; reverse?: boolean }): AsyncIterable<DenoKvEntry<T>>;
  atomic(): DenoAtomicOperation;
  close(): void;
}

/** A running `Deno.serve` server. */
interface DenoHttpServer {
  readonly finished: Promise<void>;
  shutdown(): Promise<void>;
}

/** Connection info `Deno.serve` passes to the handler. */
interface DenoServeHandlerInfo {
  readonly remoteAddr: { readonly hostname: string; readonly port: number };
}

declare namespace Deno {
  const args: string[];
  const version: { readonly deno: string };
  const env: { get(name: string): string | undefined; toObject(): Record<string, string> };
  function openKv(path?: string): Promise<DenoKv>;
  function serve(
    options: { port?: number; hostname?: string; signal?: AbortSignal; onListen?: (addr: { hostname: string; port: number }) => void },
    handler: (request: Request, info: DenoServeHandlerInfo) => Response | Promise<Response>,
  ): DenoHttpServer;
  function readFile(path: string | URL): Promise<Uint8Array>;
  function mkdir(path: string | URL, options?: { recursive?: boolean }): Promise<void>;
  function realPath(path: string | URL): Promise<string>;
  function cwd(): string;
  function addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void;
  function exit(code?: number): never;
}
