import { ErrorCode, QuiverError, type ErrorCodeValue } from '../errors.js';
import { LIMITS } from './types.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What a name names, for error messages and codes. */
export type NameKind = 'collection' | 'partition' | 'alias' | 'field' | 'database' | 'index' | 'user' | 'role';

const CODE: Record<NameKind, ErrorCodeValue> = {
  collection: ErrorCode.InvalidParameter,
  partition: ErrorCode.InvalidParameter,
  alias: ErrorCode.InvalidParameter,
  field: ErrorCode.IllegalSchema,
  database: ErrorCode.InvalidDatabaseName,
  index: ErrorCode.InvalidParameter,
  user: ErrorCode.InvalidParameter,
  role: ErrorCode.InvalidParameter,
};

/**
 * Checks Milvus's naming rule: 1–255 characters, letters, digits and `_`, not starting with a
 * digit (databases may also not start with `_`… Milvus allows it; so do we).
 */
export function checkName(kind: NameKind, name: unknown, field = `${kind}Name`): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new QuiverError(kind === 'database' ? ErrorCode.InvalidDatabaseName : ErrorCode.MissingParameter, `${field}: the ${kind} name must be a non-empty string`);
  }
  if (name.length > LIMITS.maxNameLength) {
    throw new QuiverError(CODE[kind], `${field}: the ${kind} name "${name.slice(0, 32)}…" is longer than ${LIMITS.maxNameLength} characters`);
  }
  if (!NAME.test(name)) {
    throw new QuiverError(CODE[kind], `${field}: invalid ${kind} name "${name}": use letters, digits and "_", not starting with a digit`);
  }
  return name;
}
