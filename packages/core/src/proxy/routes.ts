import type { Instance } from '../instance.js';
import { alterAlias } from './verbs/aliases/alter.js';
import { createAlias } from './verbs/aliases/create.js';
import { describeAlias } from './verbs/aliases/describe.js';
import { dropAlias } from './verbs/aliases/drop.js';
import { listAliases } from './verbs/aliases/list.js';
import { alterCollectionProperties } from './verbs/collections/alter-properties.js';
import { compact } from './verbs/collections/compact.js';
import { createCollection } from './verbs/collections/create.js';
import { describeCollection } from './verbs/collections/describe.js';
import { dropCollectionProperties } from './verbs/collections/drop-properties.js';
import { dropCollection } from './verbs/collections/drop.js';
import { addCollectionField } from './verbs/collections/fields/add.js';
import { alterFieldProperties } from './verbs/collections/fields/alter-properties.js';
import { flush } from './verbs/collections/flush.js';
import { getCompactionState } from './verbs/collections/get-compaction-state.js';
import { getLoadState } from './verbs/collections/get-load-state.js';
import { getCollectionStats } from './verbs/collections/get-stats.js';
import { hasCollection } from './verbs/collections/has.js';
import { listCollections } from './verbs/collections/list.js';
import { loadCollection } from './verbs/collections/load.js';
import { refreshLoad } from './verbs/collections/refresh-load.js';
import { releaseCollection } from './verbs/collections/release.js';
import { renameCollection } from './verbs/collections/rename.js';
import { alterDatabase } from './verbs/databases/alter.js';
import { createDatabase } from './verbs/databases/create.js';
import { describeDatabase } from './verbs/databases/describe.js';
import { dropDatabaseProperties } from './verbs/databases/drop-properties.js';
import { dropDatabase } from './verbs/databases/drop.js';
import { listDatabases } from './verbs/databases/list.js';
import { deleteEntities } from './verbs/entities/delete.js';
import { get } from './verbs/entities/get.js';
import { hybridSearch } from './verbs/entities/hybrid-search.js';
import { insert } from './verbs/entities/insert.js';
import { query } from './verbs/entities/query.js';
import { search } from './verbs/entities/search.js';
import { upsert } from './verbs/entities/upsert.js';
import { alterIndexProperties } from './verbs/indexes/alter-properties.js';
import { createIndex } from './verbs/indexes/create.js';
import { describeIndex } from './verbs/indexes/describe.js';
import { dropIndexProperties } from './verbs/indexes/drop-properties.js';
import { dropIndex } from './verbs/indexes/drop.js';
import { listIndexes } from './verbs/indexes/list.js';
import { createPartition } from './verbs/partitions/create.js';
import { dropPartition } from './verbs/partitions/drop.js';
import { getPartitionStats } from './verbs/partitions/get-stats.js';
import { hasPartition } from './verbs/partitions/has.js';
import { listPartitions } from './verbs/partitions/list.js';
import { loadPartitions } from './verbs/partitions/load.js';
import { releasePartitions } from './verbs/partitions/release.js';
import { createRole } from './verbs/roles/create.js';
import { describeRole } from './verbs/roles/describe.js';
import { dropRole } from './verbs/roles/drop.js';
import { grantPrivilegeV2 } from './verbs/roles/grant-privilege-v2.js';
import { grantPrivilege } from './verbs/roles/grant-privilege.js';
import { listRoles } from './verbs/roles/list.js';
import { revokePrivilegeV2 } from './verbs/roles/revoke-privilege-v2.js';
import { revokePrivilege } from './verbs/roles/revoke-privilege.js';
import { createUser } from './verbs/users/create.js';
import { describeUser } from './verbs/users/describe.js';
import { dropUser } from './verbs/users/drop.js';
import { grantRole } from './verbs/users/grant-role.js';
import { listUsers } from './verbs/users/list.js';
import { revokeRole } from './verbs/users/revoke-role.js';
import { updatePassword } from './verbs/users/update-password.js';

/** A Proxy verb: a REST v2 body in, the response without its `code` out. */
export type Verb = (inst: Instance, body: unknown) => Promise<{ data: unknown; [k: string]: unknown }>;

/** Every verb by its REST v2 route (`<group>/<action>` after `/v2/vectordb/`). */
export const ROUTES = {
  'databases/create': createDatabase,
  'databases/drop': dropDatabase,
  'databases/list': listDatabases,
  'databases/describe': describeDatabase,
  'databases/alter': alterDatabase,
  'collections/create': createCollection,
  'collections/list': listCollections,
  'collections/has': hasCollection,
  'collections/describe': describeCollection,
  'collections/get_stats': getCollectionStats,
  'collections/get_load_state': getLoadState,
  'collections/load': loadCollection,
  'collections/release': releaseCollection,
  'collections/refresh_load': refreshLoad,
  'collections/rename': renameCollection,
  'collections/drop': dropCollection,
  'collections/flush': flush,
  'collections/compact': compact,
  'collections/get_compaction_state': getCompactionState,
  'collections/alter_properties': alterCollectionProperties,
  'collections/drop_properties': dropCollectionProperties,
  'partitions/create': createPartition,
  'partitions/drop': dropPartition,
  'partitions/has': hasPartition,
  'partitions/list': listPartitions,
  'partitions/get_stats': getPartitionStats,
  'partitions/load': loadPartitions,
  'partitions/release': releasePartitions,
  'aliases/create': createAlias,
  'aliases/alter': alterAlias,
  'aliases/drop': dropAlias,
  'aliases/describe': describeAlias,
  'aliases/list': listAliases,
  'entities/insert': insert,
  'entities/upsert': upsert,
  'entities/delete': deleteEntities,
  'entities/get': get,
  'entities/query': query,
  'entities/search': search,
  'entities/hybrid_search': hybridSearch,
  'indexes/create': createIndex,
  'indexes/describe': describeIndex,
  'indexes/list': listIndexes,
  'indexes/drop': dropIndex,
  'indexes/alter_properties': alterIndexProperties,
  'indexes/drop_properties': dropIndexProperties,
  'databases/drop_properties': dropDatabaseProperties,
  'collections/fields/add': addCollectionField,
  'collections/fields/alter_properties': alterFieldProperties,
  'users/create': createUser,
  'users/list': listUsers,
  'users/describe': describeUser,
  'users/update_password': updatePassword,
  'users/drop': dropUser,
  'users/grant_role': grantRole,
  'users/revoke_role': revokeRole,
  'roles/create': createRole,
  'roles/list': listRoles,
  'roles/describe': describeRole,
  'roles/drop': dropRole,
  'roles/grant_privilege': grantPrivilege,
  'roles/revoke_privilege': revokePrivilege,
  'roles/grant_privilege_v2': grantPrivilegeV2,
  'roles/revoke_privilege_v2': revokePrivilegeV2,
} satisfies Record<string, Verb>;

/** A REST v2 route name. */
export type Route = keyof typeof ROUTES;
