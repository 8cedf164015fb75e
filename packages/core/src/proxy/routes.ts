import type { Instance } from '../instance.js';
import { alterAlias, createAlias, describeAlias, dropAlias, listAliases } from './verbs/aliases.js';
import { alterCollectionProperties, dropCollectionProperties, renameCollection } from './verbs/alter-collection.js';
import { getCollectionStats, hasCollection, listCollections } from './verbs/collection-info.js';
import { createCollection } from './verbs/create-collection.js';
import { alterDatabase, createDatabase, describeDatabase, dropDatabase, listDatabases } from './verbs/databases.js';
import { deleteEntities } from './verbs/delete.js';
import { describeCollection } from './verbs/describe-collection.js';
import { dropCollection } from './verbs/drop-collection.js';
import { compact, flush, getCompactionState } from './verbs/flush.js';
import { get } from './verbs/get.js';
import { insert, upsert } from './verbs/insert.js';
import { getLoadState, loadCollection, refreshLoad, releaseCollection } from './verbs/load.js';
import { createPartition, dropPartition, getPartitionStats, hasPartition, listPartitions, loadPartitions, releasePartitions } from './verbs/partitions.js';
import { query } from './verbs/query.js';
import { addCollectionField } from './verbs/add-field.js';
import { search } from './verbs/search.js';
import { hybridSearch } from './verbs/hybrid-search.js';
import { createIndex, describeIndex, dropIndex, listIndexes } from './verbs/indexes.js';
import { alterFieldProperties, alterIndexProperties, dropDatabaseProperties, dropIndexProperties } from './verbs/properties.js';
import { createRole, describeRole, dropRole, grantPrivilege, grantPrivilegeV2, listRoles, revokePrivilege, revokePrivilegeV2 } from './verbs/roles.js';
import { createUser, describeUser, dropUser, grantRole, listUsers, revokeRole, updatePassword } from './verbs/users.js';

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
