import { ErrorCode, QuiverError } from '@quiver/core';

/** The DOMException name (or error name) of a browser storage failure, if any. */
function errorName(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' ? (e as { name: string }).name : undefined;
}

/** True when `e` is the browser's "over quota" error (IndexedDB, OPFS). */
export function isQuotaError(e: unknown): boolean {
  return errorName(e) === 'QuotaExceededError';
}

/**
 * Turns a browser storage failure into a QuiverError: quota → `StorageFull` (90004), anything
 * else → `IoFailed` (1001); a QuiverError passes through unchanged. `what` says what failed.
 */
export function storageError(what: string, e: unknown): QuiverError {
  if (e instanceof QuiverError) return e;
  const detail = e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e) ? `${errorName(e) ?? 'Error'}: ${(e as { message: string }).message}` : String(e);
  if (isQuotaError(e)) {
    return new QuiverError(ErrorCode.StorageFull, `${what}: the browser's storage quota for this origin is exhausted (${detail}); nothing was written. Free space or call navigator.storage.persist()`, { cause: e });
  }
  return new QuiverError(ErrorCode.IoFailed, `${what}: ${detail}`, { cause: e });
}

/** The `Closed` error of a store. */
export function closedError(what: string): QuiverError {
  return new QuiverError(ErrorCode.Closed, `${what} is closed`);
}
