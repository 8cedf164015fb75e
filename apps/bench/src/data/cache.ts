// A small binary cache for datasets and ground truth under bench-results/cache (git-ignored):
// a JSON header (which must equal the expected key, so a changed source or parameter is a miss)
// followed by 4-byte-aligned Float32/Int32 arrays.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MAGIC = 0x42564951; // "QIVB"

/** Typed arrays a cache file holds, by name. */
export type Arrays = Record<string, Float32Array | Int32Array>;

/** Reads `path` when its key equals `key`; null when absent, stale or damaged. */
export function readCache(path: string, key: Record<string, unknown>): Arrays | null {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return null;
  }
  try {
    if (buf.length < 8 || buf.readUInt32LE(0) !== MAGIC) return null;
    const headerLen = buf.readUInt32LE(4);
    const header = JSON.parse(buf.subarray(8, 8 + headerLen).toString('utf8')) as { key: unknown; arrays: { name: string; type: 'f32' | 'i32'; length: number }[] };
    if (JSON.stringify(header.key) !== JSON.stringify(key)) return null;
    let at = align4(8 + headerLen);
    const out: Arrays = {};
    for (const a of header.arrays) {
      const bytes = buf.subarray(at, at + a.length * 4);
      if (bytes.length !== a.length * 4) return null;
      const copy = new ArrayBuffer(bytes.length);
      new Uint8Array(copy).set(bytes);
      out[a.name] = a.type === 'f32' ? new Float32Array(copy) : new Int32Array(copy);
      at += bytes.length;
    }
    return out;
  } catch {
    return null;
  }
}

/** Writes `arrays` under `key` to `path` (atomically: temp file, then rename). */
export function writeCache(path: string, key: Record<string, unknown>, arrays: Arrays): void {
  const header = Buffer.from(JSON.stringify({ key, arrays: Object.entries(arrays).map(([name, a]) => ({ name, type: a instanceof Float32Array ? 'f32' : 'i32', length: a.length })) }), 'utf8');
  const start = align4(8 + header.length);
  const total = start + Object.values(arrays).reduce((s, a) => s + a.byteLength, 0);
  const buf = Buffer.alloc(total);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(header.length, 4);
  header.copy(buf, 8);
  let at = start;
  for (const a of Object.values(arrays)) {
    buf.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, buf);
  renameSync(tmp, path);
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
