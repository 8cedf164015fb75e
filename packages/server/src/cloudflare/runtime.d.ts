// The part of the Cloudflare Workers runtime API this entry uses (Durable Objects with SQLite
// storage, R2, the compiled-wasm module import). Declared here rather than pulling in
// @cloudflare/workers-types, whose globals clash with @types/node in the server's build.
// Type declarations only: nothing is defined at run time.

/** A wasm file imported as a module: wrangler and workerd hand it over precompiled. */
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}

/** One row of a SQL result. */
type CfSqlRow = Record<string, string | number | ArrayBuffer | null>;

/** Cursor over a SQL statement's rows (`ctx.storage.sql.exec`). */
interface CfSqlCursor<T extends CfSqlRow = CfSqlRow> extends Iterable<T> {
  toArray(): T[];
  one(): T;
}

/** The SQLite database of a Durable Object. */
interface CfSqlStorage {
  exec<T extends CfSqlRow = CfSqlRow>(query: string, ...bindings: Array<string | number | ArrayBuffer | ArrayBufferView | null>): CfSqlCursor<T>;
}

/** A Durable Object's storage (SQLite backend). */
interface CfDurableObjectStorage {
  readonly sql: CfSqlStorage;
  transactionSync<T>(fn: () => T): T;
  /** Resolves once every write so far is durable (absent in older runtimes). */
  sync?(): Promise<void>;
  deleteAll(): Promise<void>;
}

/** The `ctx` a Durable Object's constructor receives. */
interface CfDurableObjectState {
  readonly storage: CfDurableObjectStorage;
  readonly id: { toString(): string; readonly name?: string };
  blockConcurrencyWhile<T>(fn: () => Promise<T>): Promise<T>;
  waitUntil(p: Promise<unknown>): void;
}

/** A stub to one Durable Object. */
interface CfDurableObjectStub {
  fetch(request: Request): Promise<Response>;
}

/** A Durable Object namespace binding. */
interface CfDurableObjectNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): CfDurableObjectStub;
}

/** An R2 object's metadata. */
interface CfR2Object {
  readonly key: string;
  readonly size: number;
}

/** An R2 object with its body. */
interface CfR2ObjectBody extends CfR2Object {
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** One page of an R2 listing. */
interface CfR2Objects {
  readonly objects: CfR2Object[];
  readonly truncated: boolean;
  readonly cursor?: string;
}

/** A part of a multipart upload, as `complete()` wants it back. */
interface CfR2UploadedPart {
  readonly partNumber: number;
  readonly etag: string;
}

/** A multipart upload in progress. */
interface CfR2MultipartUpload {
  uploadPart(partNumber: number, value: ArrayBuffer | ArrayBufferView): Promise<CfR2UploadedPart>;
  complete(parts: CfR2UploadedPart[]): Promise<CfR2Object>;
  abort(): Promise<void>;
}

/** An R2 bucket binding. */
interface CfR2Bucket {
  head(key: string): Promise<CfR2Object | null>;
  get(key: string): Promise<CfR2ObjectBody | null>;
  put(key: string, value: ArrayBuffer | ArrayBufferView): Promise<CfR2Object | null>;
  delete(keys: string | string[]): Promise<void>;
  list(options?: { prefix?: string; cursor?: string; limit?: number }): Promise<CfR2Objects>;
  createMultipartUpload(key: string): Promise<CfR2MultipartUpload>;
}
