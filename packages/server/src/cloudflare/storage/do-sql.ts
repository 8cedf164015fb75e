// Helpers shared by the Durable Object stores.

/**
 * Resolves once every write so far is durable. Durable Object writes are also held behind the
 * output gate (no response or outgoing request leaves before they are on disk); `sync()` makes
 * the store's own promise wait for that point too, where the runtime has it.
 */
export async function durable(storage: CfDurableObjectStorage): Promise<void> {
  if (typeof storage.sync === 'function') await storage.sync();
}

/** A copy of SQL BLOB bytes as a Uint8Array. */
export function blobBytes(v: unknown): Uint8Array {
  if (v instanceof ArrayBuffer) return new Uint8Array(v.slice(0));
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
  throw new TypeError(`expected a BLOB, got ${typeof v}`);
}
