// What the console talks to: a Quiver database in this browser (local.ts) or a Quiver/Milvus
// REST v2 server (rest.ts). Both take a REST route ("collections/list") and its request body and
// resolve to the response without its `code`, or throw a {@link BackendError}.

/** A database the console is connected to. */
export interface Backend {
  readonly kind: 'local' | 'server';
  /** Where the data is, for the UI: "idb://quiver" or "http://host:port". */
  readonly label: string;
  /** Calls one REST v2 route (`collections/describe`, `entities/query`, …). */
  call<T = unknown>(route: string, body: Record<string, unknown>): Promise<{ data: T } & Record<string, unknown>>;
  /** Storage this origin uses and may use (local only). */
  storage(): Promise<{ usage: number; quota: number } | undefined>;
  close(): Promise<void>;
}

/** A failed call: Quiver/Milvus error code (or none for network failures) and message. */
export class BackendError extends Error {
  constructor(readonly code: number | undefined, message: string) {
    super(message);
    this.name = 'BackendError';
  }
}
