// @quiver/core: the platform-free engine. Platform packages (@quiver/node, @quiver/browser, the
// edge entries) supply a Platform and re-export `open`.
export { ErrorCode, QuiverError, isQuiverError } from './errors.js';
export type { ErrorCodeValue } from './errors.js';
export { systemClock } from './platform.js';
export type { Clock, Platform } from './platform.js';
export { openDatabase } from './database.js';
export type { OpenOptions } from './database.js';
export type { EngineOptions } from './instance.js';
export type { DataNode, IndexBuildTask, IndexNode, QueryNode, QueryNodeHandle, QueryNodeHits, QueryNodeLauncher, QueryNodeSearchTask, QueryNodeStatus, SegmentServeTask, SegmentWriteTask, ServedIndex } from './roles.js';
export { createIndexNode } from './indexnode/node.js';
export { createQueryNode } from './querynode/node.js';
export { QueryNodePool } from './querycoord/pool.js';
export type { QueryNodeFailure, QueryNodePoolOptions } from './querycoord/pool.js';
export type { SealPolicy } from './datacoord/policy.js';
export { DEFAULT_SEAL_POLICY } from './datacoord/policy.js';
export { QuiverClient } from './proxy/client.js';
export type { RequestBody } from './proxy/client.js';
export { ROUTES } from './proxy/routes.js';
export type { Route, Verb } from './proxy/routes.js';
export { DataType, DYNAMIC_FIELD, LIMITS } from './schema/types.js';
export type { CollectionSchema, FieldSchema, Pk } from './schema/types.js';
export type { Int64Output } from './schema/int64.js';
export type { Chunk, Column } from './segment/column.js';
export { compileFilter, parseExpression } from './expr/index.js';
export * from './index/index.js';
export type { CompiledFilter } from './expr/index.js';
export * from './storage/index.js';
export { crc32 } from './util/crc32.js';
