// Every REST v2 route the server answers: which engine verb (or server job) runs it, which
// Milvus privilege on which object it needs, and which rate limit it draws from.
import type { QuiverClient } from '@quiver/core';

/** An engine route (a key of core's ROUTES). */
export type CoreRoute = Parameters<QuiverClient['call']>[0];
/** What a request needs (core's Access). */
export type Access = Parameters<QuiverClient['authorize']>[1];

/** The rate limit a route draws from (Milvus's quotaAndLimits dml/dql rates). */
export type RateKind = 'insert' | 'upsert' | 'delete' | 'search' | 'query';

/** How one route is served. */
export interface RouteSpec {
  /** Path after `/v2/vectordb/`. */
  readonly path: string;
  /** The engine verb, or `job` for import jobs (served by the server). */
  readonly verb: CoreRoute | 'job';
  /** The privilege the caller needs, from the body and database. */
  readonly access: (body: Record<string, unknown>, db: string) => Access;
  /** Own-account routes: a user may act on itself without the privilege (Milvus does the same). */
  readonly self?: boolean;
  readonly rate?: RateKind;
  readonly summary: string;
}

const str = (v: unknown): string => (typeof v === 'string' && v.length > 0 ? v : '*');
const G = (privilege: string) => (_b: Record<string, unknown>, db: string): Access => ({ privilege, objectType: 'Global', objectName: '*', dbName: db });
const C = (privilege: string) => (b: Record<string, unknown>, db: string): Access => ({ privilege, objectType: 'Collection', objectName: str(b['collectionName']), dbName: db });
const U = (privilege: string) => (b: Record<string, unknown>, db: string): Access => ({ privilege, objectType: 'User', objectName: str(b['userName']), dbName: db });

function r(path: string, verb: CoreRoute | 'job', access: RouteSpec['access'], summary: string, extra: Partial<RouteSpec> = {}): RouteSpec {
  return { path, verb, access, summary, ...extra };
}

/** The route table (Milvus's privilege names; `Global` grants cover every object of a database). */
export const ROUTE_TABLE: readonly RouteSpec[] = [
  r('databases/create', 'databases/create', G('CreateDatabase'), 'Create a database'),
  r('databases/drop', 'databases/drop', G('DropDatabase'), 'Drop an empty database'),
  r('databases/list', 'databases/list', G('ListDatabases'), 'List databases'),
  r('databases/describe', 'databases/describe', G('DescribeDatabase'), 'Describe a database'),
  r('databases/alter', 'databases/alter', G('AlterDatabase'), 'Set database properties'),
  r('databases/drop_properties', 'databases/drop_properties', G('AlterDatabase'), 'Remove database properties'),

  r('collections/create', 'collections/create', G('CreateCollection'), 'Create a collection (quick setup or custom schema with indexParams)'),
  r('collections/list', 'collections/list', G('ShowCollections'), 'List collections'),
  r('collections/has', 'collections/has', C('DescribeCollection'), 'Check whether a collection exists'),
  r('collections/describe', 'collections/describe', C('DescribeCollection'), 'Describe a collection'),
  r('collections/get_stats', 'collections/get_stats', C('GetStatistics'), 'Row count of a collection'),
  r('collections/get_load_state', 'collections/get_load_state', C('GetLoadState'), 'Load state of a collection'),
  r('collections/load', 'collections/load', C('Load'), 'Load a collection'),
  r('collections/release', 'collections/release', C('Release'), 'Release a collection'),
  r('collections/refresh_load', 'collections/refresh_load', C('Load'), 'Reload a loaded collection'),
  r('collections/rename', 'collections/rename', G('RenameCollection'), 'Rename a collection (optionally into another database)'),
  r('collections/drop', 'collections/drop', G('DropCollection'), 'Drop a collection'),
  r('collections/flush', 'collections/flush', C('Flush'), 'Seal and persist growing segments'),
  r('collections/compact', 'collections/compact', C('Compaction'), 'Compact a collection'),
  r('collections/get_compaction_state', 'collections/get_compaction_state', C('Compaction'), 'State of a compaction'),
  r('collections/alter_properties', 'collections/alter_properties', G('CreateCollection'), 'Set collection properties'),
  r('collections/drop_properties', 'collections/drop_properties', G('CreateCollection'), 'Remove collection properties'),
  r('collections/fields/add', 'collections/fields/add', G('CreateCollection'), 'Add a nullable field to a collection'),
  r('collections/fields/alter_properties', 'collections/fields/alter_properties', G('CreateCollection'), 'Alter max_length / max_capacity of a field'),

  r('partitions/create', 'partitions/create', C('CreatePartition'), 'Create a partition'),
  r('partitions/drop', 'partitions/drop', C('DropPartition'), 'Drop a partition'),
  r('partitions/has', 'partitions/has', C('HasPartition'), 'Check whether a partition exists'),
  r('partitions/list', 'partitions/list', C('ShowPartitions'), 'List partitions'),
  r('partitions/get_stats', 'partitions/get_stats', C('GetStatistics'), 'Row count of a partition'),
  r('partitions/load', 'partitions/load', C('Load'), 'Load partitions'),
  r('partitions/release', 'partitions/release', C('Release'), 'Release partitions'),

  r('aliases/create', 'aliases/create', G('CreateAlias'), 'Create an alias'),
  r('aliases/alter', 'aliases/alter', G('CreateAlias'), 'Point an alias at another collection'),
  r('aliases/drop', 'aliases/drop', G('DropAlias'), 'Drop an alias'),
  r('aliases/describe', 'aliases/describe', G('DescribeAlias'), 'Describe an alias'),
  r('aliases/list', 'aliases/list', G('ListAliases'), 'List aliases'),

  r('entities/insert', 'entities/insert', C('Insert'), 'Insert rows', { rate: 'insert' }),
  r('entities/upsert', 'entities/upsert', C('Upsert'), 'Insert or replace rows by primary key', { rate: 'upsert' }),
  r('entities/delete', 'entities/delete', C('Delete'), 'Delete rows by filter', { rate: 'delete' }),
  r('entities/get', 'entities/get', C('Query'), 'Get rows by primary key', { rate: 'query' }),
  r('entities/query', 'entities/query', C('Query'), 'Query rows by filter', { rate: 'query' }),
  r('entities/search', 'entities/search', C('Search'), 'Vector search with one or several query vectors', { rate: 'search' }),
  r('entities/hybrid_search', 'entities/hybrid_search', C('Search'), 'Several vector searches merged by a reranker', { rate: 'search' }),

  r('indexes/create', 'indexes/create', C('CreateIndex'), 'Create indexes'),
  r('indexes/describe', 'indexes/describe', C('IndexDetail'), 'Describe an index and its build progress'),
  r('indexes/list', 'indexes/list', C('IndexDetail'), 'List index names'),
  r('indexes/drop', 'indexes/drop', C('DropIndex'), 'Drop an index (collection released)'),
  r('indexes/alter_properties', 'indexes/alter_properties', C('CreateIndex'), 'Set index properties'),
  r('indexes/drop_properties', 'indexes/drop_properties', C('CreateIndex'), 'Remove index properties'),

  r('users/create', 'users/create', G('CreateOwnership'), 'Create a user'),
  r('users/list', 'users/list', U('SelectUser'), 'List users'),
  r('users/describe', 'users/describe', U('SelectUser'), "A user's roles", { self: true }),
  r('users/update_password', 'users/update_password', U('UpdateUser'), "Change a user's password (old password required)", { self: true }),
  r('users/drop', 'users/drop', G('DropOwnership'), 'Drop a user'),
  r('users/grant_role', 'users/grant_role', G('ManageOwnership'), 'Give a user a role'),
  r('users/revoke_role', 'users/revoke_role', G('ManageOwnership'), 'Take a role from a user'),

  r('roles/create', 'roles/create', G('CreateOwnership'), 'Create a role'),
  r('roles/list', 'roles/list', G('SelectOwnership'), 'List roles'),
  r('roles/describe', 'roles/describe', G('SelectOwnership'), "A role's grants"),
  r('roles/drop', 'roles/drop', G('DropOwnership'), 'Drop a role'),
  r('roles/grant_privilege', 'roles/grant_privilege', G('ManageOwnership'), 'Grant a privilege to a role'),
  r('roles/revoke_privilege', 'roles/revoke_privilege', G('ManageOwnership'), 'Revoke a privilege from a role'),
  r('roles/grant_privilege_v2', 'roles/grant_privilege_v2', G('ManageOwnership'), 'Grant a privilege or group on a database/collection'),
  r('roles/revoke_privilege_v2', 'roles/revoke_privilege_v2', G('ManageOwnership'), 'Revoke a privilege or group on a database/collection'),

  r('jobs/import/create', 'job', C('Import'), 'Import JSON or Parquet files from the data folder'),
  r('jobs/import/list', 'job', C('Import'), 'List import jobs'),
  r('jobs/import/get_progress', 'job', G('Import'), 'Progress of an import job'),
  r('jobs/import/describe', 'job', G('Import'), 'Progress of an import job'),
];
