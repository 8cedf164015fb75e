import type { ErrorCodeValue } from '../errors.js';

/**
 * Milvus's `ErrServiceMemoryLimitExceeded` (merr code 3): an index does not fit the memory it may
 * use (the 4 GiB of a wasm32 instance, or what the host lets it grow to). `ErrorCode` in
 * `errors.ts` has no entry for it yet; once `MemoryLimitExceeded: 3` is added there this constant
 * should become `ErrorCode.MemoryLimitExceeded` (the number stays 3, so nothing a client sees
 * changes).
 */
export const MEMORY_LIMIT_EXCEEDED = 3 as ErrorCodeValue;
