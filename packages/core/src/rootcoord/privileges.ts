// Milvus's privilege vocabulary (API names, without the "Privilege" prefix its metastore uses):
// which privileges may be granted on which object type, and the built-in privilege groups.

/** Object types a privilege is granted on. */
export const OBJECT_TYPES = ['Global', 'Collection', 'User'] as const;
/** An object type a privilege is granted on. */
export type ObjectType = (typeof OBJECT_TYPES)[number];

const COLLECTION_READ_ONLY = ['Query', 'Search', 'IndexDetail', 'GetFlushState', 'GetLoadState', 'GetLoadingProgress', 'HasPartition', 'ShowPartitions', 'DescribeCollection', 'DescribeAlias', 'GetStatistics', 'ListAliases'];
const COLLECTION_READ_WRITE = [...COLLECTION_READ_ONLY, 'Load', 'Release', 'Insert', 'Delete', 'Upsert', 'Import', 'Flush', 'Compaction', 'LoadBalance', 'CreateIndex', 'DropIndex', 'CreatePartition', 'DropPartition'];
const COLLECTION_ADMIN = [...COLLECTION_READ_WRITE, 'CreateAlias', 'DropAlias'];
const DATABASE_READ_ONLY = ['ShowCollections', 'DescribeDatabase'];
const DATABASE_READ_WRITE = [...DATABASE_READ_ONLY, 'AlterDatabase'];
const DATABASE_ADMIN = [...DATABASE_READ_WRITE, 'CreateCollection', 'DropCollection'];
const CLUSTER_READ_ONLY = ['ListDatabases', 'SelectOwnership', 'SelectUser', 'DescribeResourceGroup', 'ListResourceGroups', 'ListPrivilegeGroups'];
const CLUSTER_READ_WRITE = [...CLUSTER_READ_ONLY, 'FlushAll', 'TransferNode', 'TransferReplica', 'UpdateResourceGroups'];
const CLUSTER_ADMIN = [...CLUSTER_READ_WRITE, 'BackupRBAC', 'RestoreRBAC', 'CreateDatabase', 'DropDatabase', 'CreateOwnership', 'DropOwnership', 'ManageOwnership', 'CreateResourceGroup', 'DropResourceGroup', 'UpdateUser', 'RenameCollection', 'CreatePrivilegeGroup', 'DropPrivilegeGroup', 'OperatePrivilegeGroup'];

/** Milvus's built-in privilege groups, by name. */
export const PRIVILEGE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  CollectionReadOnly: COLLECTION_READ_ONLY,
  CollectionReadWrite: COLLECTION_READ_WRITE,
  CollectionAdmin: COLLECTION_ADMIN,
  DatabaseReadOnly: DATABASE_READ_ONLY,
  DatabaseReadWrite: DATABASE_READ_WRITE,
  DatabaseAdmin: DATABASE_ADMIN,
  ClusterReadOnly: CLUSTER_READ_ONLY,
  ClusterReadWrite: CLUSTER_READ_WRITE,
  ClusterAdmin: CLUSTER_ADMIN,
  // rbac v1 groups, granted on a collection
  ReadOnly: ['Query', 'Search', 'IndexDetail', 'GetFlushState', 'GetLoadState', 'GetLoadingProgress', 'HasPartition', 'ShowPartitions', 'ShowCollections', 'ListAliases', 'ListDatabases', 'DescribeCollection', 'DescribeDatabase', 'DescribeAlias', 'GetStatistics'],
  ReadWrite: [...COLLECTION_READ_WRITE, 'ShowCollections', 'ListDatabases', 'DescribeDatabase', 'RenameCollection'],
  Admin: [...new Set([...COLLECTION_ADMIN, ...DATABASE_ADMIN, ...CLUSTER_ADMIN])],
};

/** Which privileges (and groups) may be granted on each object type (Milvus's ObjectPrivileges). */
export const OBJECT_PRIVILEGES: Readonly<Record<ObjectType, readonly string[]>> = {
  Collection: ['Load', 'Release', 'Compaction', 'Insert', 'Delete', 'Upsert', 'GetStatistics', 'CreateIndex', 'IndexDetail', 'DropIndex', 'Search', 'Flush', 'Query', 'LoadBalance', 'Import', 'GetLoadingProgress', 'GetLoadState', 'CreatePartition', 'DropPartition', 'ShowPartitions', 'HasPartition', 'GetFlushState', 'ReadOnly', 'ReadWrite'],
  Global: [
    'All', 'CreateCollection', 'DropCollection', 'DescribeCollection', 'ShowCollections', 'RenameCollection', 'CreateOwnership', 'DropOwnership', 'SelectOwnership', 'ManageOwnership',
    'BackupRBAC', 'RestoreRBAC', 'FlushAll', 'CreateDatabase', 'DropDatabase', 'ListDatabases', 'AlterDatabase', 'DescribeDatabase', 'CreateAlias', 'DropAlias', 'DescribeAlias', 'ListAliases', 'Admin',
    'CollectionReadOnly', 'CollectionReadWrite', 'CollectionAdmin', 'DatabaseReadOnly', 'DatabaseReadWrite', 'DatabaseAdmin', 'ClusterReadOnly', 'ClusterReadWrite', 'ClusterAdmin',
  ],
  User: ['UpdateUser', 'SelectUser'],
};

/** Milvus's "related" privileges: granting the first also grants the others. */
const RELATED: Readonly<Record<string, readonly string[]>> = {
  Load: ['GetLoadState', 'GetLoadingProgress'],
  Flush: ['GetFlushState'],
};

/** True when holding `granted` (a privilege, a group or `All`) gives `needed`. */
export function covers(granted: string, needed: string): boolean {
  if (granted === needed || granted === 'All') return true;
  if (RELATED[granted]?.includes(needed)) return true;
  return PRIVILEGE_GROUPS[granted]?.includes(needed) ?? false;
}
