import { ErrorCode, QuiverError } from '@quiver/core';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * The database name in an `idb://<name>` URI: 1–128 characters of `A–Z a–z 0–9 . _ -`, starting
 * with a letter or digit (it names an IndexedDB database, an OPFS folder and a Web Lock).
 */
export function parseIdbUri(uri: string): string {
  if (typeof uri !== 'string' || !uri.startsWith('idb://')) throw new QuiverError(ErrorCode.InvalidParameter, `uri: expected idb://<name>, got ${JSON.stringify(uri)}`);
  const name = uri.slice('idb://'.length);
  if (!NAME.test(name)) {
    throw new QuiverError(ErrorCode.InvalidParameter, `uri: invalid database name ${JSON.stringify(name)} in ${JSON.stringify(uri)}; use 1-128 characters of A-Z a-z 0-9 . _ - starting with a letter or digit`);
  }
  return name;
}
