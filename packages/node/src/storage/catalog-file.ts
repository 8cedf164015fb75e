import { ErrorCode, QuiverError, compareMetaKeys } from '@quiver/core';
import { crc32 } from './fs-util.js';

// The catalog snapshot (docs/formats.md, "Catalog"), integers little-endian:
//   0 magic "QMET" | 4 u16 version | 6 u32 crc32 | 10 u32 length | 14 payload (UTF-8 JSON)
// crc32 covers bytes 4..6 (version), then 10..14 (length), then the payload. The payload is a JSON
// array of [key, value] pairs with strictly increasing keys (UTF-16 code unit order).

/** Bytes before the catalog's JSON payload. */
export const CATALOG_HEADER_BYTES = 14;
/** The catalog format version this code writes and reads. */
export const CATALOG_FORMAT_VERSION = 1;
const MAGIC = [0x51, 0x4d, 0x45, 0x54]; // "QMET"

/** Encodes sorted entries as a catalog file. */
export function encodeCatalog(entries: ReadonlyArray<readonly [string, string]>): Buffer {
  const payload = Buffer.from(JSON.stringify(entries), 'utf8');
  const out = Buffer.allocUnsafe(CATALOG_HEADER_BYTES + payload.length);
  out.set(MAGIC, 0);
  out.writeUInt16LE(CATALOG_FORMAT_VERSION, 4);
  out.writeUInt32LE(payload.length, 10);
  out.set(payload, CATALOG_HEADER_BYTES);
  out.writeUInt32LE(catalogCrc(out), 6);
  return out;
}

/** Decodes and verifies a catalog file read from `path`; any damage is QuiverError Corrupted naming it. */
export function decodeCatalog(bytes: Uint8Array, path: string): Array<[string, string]> {
  const bad = (why: string): never => {
    throw new QuiverError(ErrorCode.Corrupted, `catalog file ${path} is corrupted: ${why}`);
  };
  if (bytes.length < CATALOG_HEADER_BYTES) bad(`it has ${bytes.length} bytes, fewer than its ${CATALOG_HEADER_BYTES}-byte header`);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (MAGIC.some((b, i) => buf[i] !== b)) bad(`bad magic ${buf.subarray(0, 4).toString('hex')} (expected "QMET")`);
  const version = buf.readUInt16LE(4);
  if (version !== CATALOG_FORMAT_VERSION) bad(`unsupported catalog format version ${version} (this build reads ${CATALOG_FORMAT_VERSION})`);
  const length = buf.readUInt32LE(10);
  if (length !== buf.length - CATALOG_HEADER_BYTES) bad(`length field says ${length} payload bytes but the file has ${buf.length - CATALOG_HEADER_BYTES}`);
  const stored = buf.readUInt32LE(6);
  const computed = catalogCrc(buf);
  if (stored !== computed) bad(`checksum mismatch (stored 0x${stored.toString(16)}, computed 0x${computed.toString(16)})`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(CATALOG_HEADER_BYTES)));
  } catch (e) {
    bad(`payload is not UTF-8 JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(parsed)) return bad('payload is not an array of entries');
  parsed.forEach((e: unknown, i) => {
    if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || typeof e[1] !== 'string') bad(`entry #${i} is not a [key, value] pair of strings`);
    if (i > 0 && compareMetaKeys((parsed as string[][])[i - 1]![0]!, (e as string[])[0]!) >= 0) bad(`entry #${i} is out of order`);
  });
  return parsed as Array<[string, string]>;
}

function catalogCrc(buf: Buffer): number {
  let c = crc32(buf.subarray(4, 6));
  c = crc32(buf.subarray(10, 14), c);
  return crc32(buf.subarray(CATALOG_HEADER_BYTES), c);
}
