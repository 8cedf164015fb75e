// Byte strings of any size in Deno KV, whose values hold at most 64 KiB: a blob is a run of
// `[...key, part]` entries, the first starting with a header (magic "QKVB", u16 version, u32
// length, u32 crc32 of the payload). Writes that do not fit one atomic operation (1,000
// mutations, 800 KB) are split so that only the last group makes them visible (the caller's
// "switch": a head or manifest entry), and that group also checks the instance's lease.
import { ErrorCode, QuiverError, crc32 } from '@quiver/core';

/** Payload bytes per KV value (under the 65,536-byte value limit, with room for the header). */
export const PART_BYTES = 60 * 1024;
const HEADER = 14;
const VERSION = 1;
const MAGIC = [0x51, 0x4b, 0x56, 0x42]; // "QKVB"
/** Deno KV's limits on one atomic operation, with a margin for keys. */
const MAX_MUTATIONS = 1000;
const MAX_GROUP_BYTES = 700 * 1024;

/** One mutation of an atomic operation. */
export type KvMutation = { readonly key: DenoKvKey; readonly value: unknown } | { readonly key: DenoKvKey; readonly delete: true };

/**
 * The lease of the instance that opened a KV namespace: every visible write checks that no other
 * instance took the namespace over since (a second process, another Deno Deploy isolate).
 */
export class KvLease {
  constructor(readonly kv: DenoKv, readonly key: DenoKvKey, readonly versionstamp: string, readonly label: string) {}

  /** Takes the namespace's lease (the previous holder's later writes fail with Locked). */
  static async take(kv: DenoKv, ns: string): Promise<KvLease> {
    const key = [ns, 'lease'];
    const r = await kv.set(key, { owner: crypto.randomUUID(), since: Date.now() });
    return new KvLease(kv, key, r.versionstamp, `Deno KV namespace "${ns}"`);
  }

  /** Commits `mutations` in as many atomic operations as needed; the last one (with the lease check) makes them count. */
  async commit(mutations: readonly KvMutation[]): Promise<void> {
    const groups: KvMutation[][] = [[]];
    let bytes = 0;
    for (const m of mutations) {
      const size = 'delete' in m ? 64 : sizeOf(m.value) + 64;
      let g = groups[groups.length - 1]!;
      if (g.length > 0 && (g.length + 1 >= MAX_MUTATIONS || bytes + size > MAX_GROUP_BYTES)) {
        groups.push((g = []));
        bytes = 0;
      }
      g.push(m);
      bytes += size;
    }
    for (let i = 0; i < groups.length; i++) {
      let op = this.kv.atomic();
      if (i === groups.length - 1) op = op.check({ key: this.key, versionstamp: this.versionstamp });
      for (const m of groups[i]!) op = 'delete' in m ? op.delete(m.key) : op.set(m.key, m.value);
      const r = await op.commit();
      if (!r.ok) throw new QuiverError(ErrorCode.Locked, `${this.label} was opened by another instance; this one can no longer write`);
    }
  }

  /** Deletes every entry under `prefix` (not atomic as a whole; entries go in key order). */
  async deletePrefix(prefix: DenoKvKey, end?: DenoKvKey): Promise<void> {
    const keys: DenoKvKey[] = [];
    for await (const e of this.kv.list(end ? { start: prefix, end } : { prefix })) keys.push(e.key);
    for (let i = 0; i < keys.length; i += MAX_MUTATIONS - 1) {
      let op = this.kv.atomic();
      for (const k of keys.slice(i, i + MAX_MUTATIONS - 1)) op = op.delete(k);
      await op.commit();
    }
  }
}

function sizeOf(v: unknown): number {
  if (v instanceof Uint8Array) return v.byteLength;
  return typeof v === 'string' ? v.length * 3 : JSON.stringify(v)?.length ?? 16;
}

/** The mutations that store `payload` as the blob at `key`. */
export function blobMutations(key: DenoKvKey, payload: Uint8Array): KvMutation[] {
  const first = new Uint8Array(HEADER + Math.min(payload.length, PART_BYTES));
  const v = new DataView(first.buffer);
  first.set(MAGIC, 0);
  v.setUint16(4, VERSION, true);
  v.setUint32(6, payload.length, true);
  v.setUint32(10, crc32(payload), true);
  first.set(payload.subarray(0, PART_BYTES), HEADER);
  const out: KvMutation[] = [{ key: [...key, 0], value: first }];
  for (let at = PART_BYTES, part = 1; at < payload.length; at += PART_BYTES, part++) out.push({ key: [...key, part], value: payload.slice(at, at + PART_BYTES) });
  return out;
}

/** Reads the blob at `key` (undefined when absent); a damaged one is Corrupted, naming `what`. */
export async function readBlob(kv: DenoKv, key: DenoKvKey, what: string): Promise<Uint8Array | undefined> {
  const bad = (why: string): QuiverError => new QuiverError(ErrorCode.Corrupted, `${what}: ${why}`);
  let out: Uint8Array | undefined;
  let length = 0;
  let crc = 0;
  let at = 0;
  let expected = 0;
  for await (const e of kv.list<Uint8Array>({ prefix: key })) {
    const part = e.key[e.key.length - 1];
    if (!(e.value instanceof Uint8Array) || typeof part !== 'number') throw bad('not a blob part');
    if (part !== expected) {
      if (out && at === length) break; // parts past the end: leftovers of an unfinished longer write
      throw bad(`part ${expected} is missing`);
    }
    if (part === 0) {
      const v = new DataView(e.value.buffer, e.value.byteOffset, e.value.byteLength);
      if (e.value.length < HEADER || MAGIC.some((b, i) => e.value[i] !== b)) throw bad('bad magic (expected "QKVB")');
      if (v.getUint16(4, true) !== VERSION) throw bad(`unsupported blob version ${v.getUint16(4, true)}`);
      length = v.getUint32(6, true);
      crc = v.getUint32(10, true);
      out = new Uint8Array(length);
      const chunk = e.value.subarray(HEADER);
      if (chunk.length > length) throw bad('first part longer than the blob');
      out.set(chunk, 0);
      at = chunk.length;
    } else {
      if (at + e.value.length > length) break;
      out!.set(e.value, at);
      at += e.value.length;
    }
    expected++;
    if (at === length && expected > 0) break;
  }
  if (!out) return undefined;
  if (at !== length) throw bad(`${at} of ${length} bytes present`);
  if (crc32(out) !== crc) throw bad('CRC mismatch');
  return out;
}
