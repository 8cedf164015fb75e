/**
 * Quiver's one error type. Codes are Milvus's `merr` numbers where Milvus has one, so REST clients
 * see the numbers they know; problems Milvus does not have use the 90000 range (docs/errors.md).
 */
export const ErrorCode = {
  ServiceNotReady: 1,
  /** A QueryNode worker failed and its replacement failed too. */
  ServiceUnavailable: 2,
  /** Milvus's ErrServiceMemoryLimitExceeded: the wasm memory cannot grow to hold an index. */
  MemoryLimitExceeded: 3,
  RateLimit: 8,
  QuotaExceeded: 9,
  CollectionNotFound: 100,
  CollectionNotLoaded: 101,
  TooManyCollections: 102,
  CollectionAlreadyLoaded: 104,
  IllegalSchema: 105,
  PartitionNotFound: 200,
  PartitionNotLoaded: 201,
  SegmentNotFound: 600,
  SegmentLoadFailed: 604,
  IndexNotFound: 700,
  IndexTypeNotSupported: 701,
  IndexDuplicate: 702,
  DatabaseNotFound: 800,
  TooManyDatabases: 801,
  InvalidDatabaseName: 802,
  KeyNotFound: 1000,
  IoFailed: 1001,
  InvalidParameter: 1100,
  MissingParameter: 1101,
  ParameterTooLarge: 1102,
  NotAuthenticated: 1400,
  PrivilegeNotPermitted: 1401,
  AliasNotFound: 1600,
  AliasAlreadyExists: 1602,
  FieldNotFound: 1700,
  BodyNotJson: 1801,
  MissingRequiredParameters: 1802,
  InvalidInsertData: 1804,
  BadPrimaryKeyType: 1806,
  RateLimiterRejected: 1807,
  Unsupported: 3000,
  Unexpected: 65535,
  // Quiver's own range: problems Milvus does not have.
  /** A stored file (WAL, segment, index, catalog) failed its magic/version/checksum check. */
  Corrupted: 90001,
  /** The database was closed; the handle can no longer be used. */
  Closed: 90002,
  /** A filter expression failed to parse or type-check. */
  InvalidExpression: 90003,
  /** The storage backend refused to store more (e.g. browser quota). */
  StorageFull: 90004,
  /** Already exists (collection, partition, database, user…). */
  AlreadyExists: 90005,
  /** The data folder is held by another process or tab. */
  Locked: 90006,
} as const;

/** A numeric error code from {@link ErrorCode}. */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The error every Quiver API throws: a stable numeric `code` and a message naming the culprit. */
export class QuiverError extends Error {
  override readonly name = 'QuiverError';
  readonly code: ErrorCodeValue;
  constructor(code: ErrorCodeValue, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Shorthand for `new QuiverError(code, message)` in expression position. */
export function fail(code: ErrorCodeValue, message: string): never {
  throw new QuiverError(code, message);
}

/** True when `e` is a QuiverError (across realms and bundle copies too). */
export function isQuiverError(e: unknown): e is QuiverError {
  return e instanceof QuiverError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'QuiverError' && typeof (e as { code?: unknown }).code === 'number');
}
