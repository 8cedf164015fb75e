import { ErrorCode, type ErrorCodeValue } from '../errors.js';

/**
 * Milvus's `ErrServiceMemoryLimitExceeded` (merr code 3): an index does not fit the memory it may
 * use (the 4 GiB of a wasm32 instance, or what the host lets it grow to).
 */
export const MEMORY_LIMIT_EXCEEDED: ErrorCodeValue = ErrorCode.MemoryLimitExceeded;
