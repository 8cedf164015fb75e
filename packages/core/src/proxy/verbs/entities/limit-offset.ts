import { ErrorCode, QuiverError } from '../../../errors.js';
import { LIMITS } from '../../../schema/types.js';

/** Checks Milvus's `limit + offset ≤ 16384` rule. */
export function checkWindow(limit: number, offset: number): void {
  if (limit + offset > LIMITS.maxTopK) throw new QuiverError(ErrorCode.InvalidParameter, `limit + offset: ${limit} + ${offset} exceeds ${LIMITS.maxTopK}`);
}
