import { queryNodesInfo, type QueryNodesInfo } from '../querycoord/info.js';
import type { Instance } from '../instance.js';
import { closeInstance } from '../open.js';
import { ROUTES, type Route } from './routes.js';
import { withObjectLocations } from '../storage/locate.js';
import { searchIterator } from './verbs/entities/search-iterator.js';
import type { Access } from '../rootcoord/rbac.js';
import { requestJsonSchema } from './route-bodies.js';
import { authenticate } from './verbs/users/authenticate.js';
import { authorize } from './verbs/users/authorize.js';
import { initAuth, type AuthInit } from './verbs/users/init-auth.js';

type Body<R extends Route> = Parameters<(typeof ROUTES)[R]>[1];
type Res<R extends Route> = ReturnType<(typeof ROUTES)[R]>;

/** A request body of Milvus's REST v2 (camelCase): `collectionName`, `data`, `filter`, … */
export type RequestBody = Record<string, unknown>;

/**
 * The client `open()` returns: methods named as Milvus's `MilvusClient`, taking REST v2 request
 * bodies and resolving to the REST v2 response without its `code`. Failures throw QuiverError.
 */
export class QuiverClient {
  constructor(private readonly inst: Instance) {}

  /** Calls a verb by its REST route (what the HTTP server does). */
  call<R extends Route>(route: R, body: Body<R>): Res<R> {
    let run: Promise<unknown>;
    try {
      run = ROUTES[route](this.inst, body) as Promise<unknown>;
    } catch (e) {
      run = Promise.reject(e);
    }
    return run.catch(async (e: unknown) => {
      throw await withObjectLocations(e, this.inst.storage.objects);
    }) as Res<R>;
  }

  createDatabase(body: RequestBody) { return this.call('databases/create', body); }
  dropDatabase(body: RequestBody) { return this.call('databases/drop', body); }
  listDatabases(body: RequestBody = {}) { return this.call('databases/list', body); }
  describeDatabase(body: RequestBody) { return this.call('databases/describe', body); }
  alterDatabase(body: RequestBody) { return this.call('databases/alter', body); }

  createCollection(body: RequestBody) { return this.call('collections/create', body); }
  listCollections(body: RequestBody = {}) { return this.call('collections/list', body); }
  hasCollection(body: RequestBody) { return this.call('collections/has', body); }
  describeCollection(body: RequestBody) { return this.call('collections/describe', body); }
  getCollectionStatistics(body: RequestBody) { return this.call('collections/get_stats', body); }
  getLoadState(body: RequestBody) { return this.call('collections/get_load_state', body); }
  loadCollection(body: RequestBody) { return this.call('collections/load', body); }
  releaseCollection(body: RequestBody) { return this.call('collections/release', body); }
  refreshLoad(body: RequestBody) { return this.call('collections/refresh_load', body); }
  renameCollection(body: RequestBody) { return this.call('collections/rename', body); }
  dropCollection(body: RequestBody) { return this.call('collections/drop', body); }
  alterCollectionProperties(body: RequestBody) { return this.call('collections/alter_properties', body); }
  dropCollectionProperties(body: RequestBody) { return this.call('collections/drop_properties', body); }
  addCollectionField(body: RequestBody) { return this.call('collections/fields/add', body); }
  flush(body: RequestBody) { return this.call('collections/flush', body); }
  compact(body: RequestBody) { return this.call('collections/compact', body); }
  getCompactionState(body: RequestBody) { return this.call('collections/get_compaction_state', body); }

  createPartition(body: RequestBody) { return this.call('partitions/create', body); }
  dropPartition(body: RequestBody) { return this.call('partitions/drop', body); }
  hasPartition(body: RequestBody) { return this.call('partitions/has', body); }
  listPartitions(body: RequestBody) { return this.call('partitions/list', body); }
  getPartitionStatistics(body: RequestBody) { return this.call('partitions/get_stats', body); }
  loadPartitions(body: RequestBody) { return this.call('partitions/load', body); }
  releasePartitions(body: RequestBody) { return this.call('partitions/release', body); }

  createAlias(body: RequestBody) { return this.call('aliases/create', body); }
  alterAlias(body: RequestBody) { return this.call('aliases/alter', body); }
  dropAlias(body: RequestBody) { return this.call('aliases/drop', body); }
  describeAlias(body: RequestBody) { return this.call('aliases/describe', body); }
  listAliases(body: RequestBody = {}) { return this.call('aliases/list', body); }

  insert(body: RequestBody) { return this.call('entities/insert', body); }
  upsert(body: RequestBody) { return this.call('entities/upsert', body); }
  delete(body: RequestBody) { return this.call('entities/delete', body); }
  get(body: RequestBody) { return this.call('entities/get', body); }
  query(body: RequestBody) { return this.call('entities/query', body); }
  search(body: RequestBody) { return this.call('entities/search', body); }
  hybridSearch(body: RequestBody) { return this.call('entities/hybrid_search', body); }
  /** Pages through one query vector's results (`batchSize`, optional total `limit`), as Milvus's search_iterator. */
  async *searchIterator(body: RequestBody): AsyncGenerator<Array<Record<string, unknown>>> {
    try {
      yield* searchIterator(this.inst, body);
    } catch (e) {
      throw await withObjectLocations(e, this.inst.storage.objects);
    }
  }

  createIndex(body: RequestBody) { return this.call('indexes/create', body); }
  describeIndex(body: RequestBody) { return this.call('indexes/describe', body); }
  listIndexes(body: RequestBody) { return this.call('indexes/list', body); }
  dropIndex(body: RequestBody) { return this.call('indexes/drop', body); }

  dropDatabaseProperties(body: RequestBody) { return this.call('databases/drop_properties', body); }
  alterIndexProperties(body: RequestBody) { return this.call('indexes/alter_properties', body); }
  dropIndexProperties(body: RequestBody) { return this.call('indexes/drop_properties', body); }
  alterCollectionFieldProperties(body: RequestBody) { return this.call('collections/fields/alter_properties', body); }

  createUser(body: RequestBody) { return this.call('users/create', body); }
  listUsers(body: RequestBody = {}) { return this.call('users/list', body); }
  describeUser(body: RequestBody) { return this.call('users/describe', body); }
  updatePassword(body: RequestBody) { return this.call('users/update_password', body); }
  dropUser(body: RequestBody) { return this.call('users/drop', body); }
  grantRole(body: RequestBody) { return this.call('users/grant_role', body); }
  revokeRole(body: RequestBody) { return this.call('users/revoke_role', body); }
  createRole(body: RequestBody) { return this.call('roles/create', body); }
  listRoles(body: RequestBody = {}) { return this.call('roles/list', body); }
  describeRole(body: RequestBody) { return this.call('roles/describe', body); }
  dropRole(body: RequestBody) { return this.call('roles/drop', body); }
  grantPrivilege(body: RequestBody) { return this.call('roles/grant_privilege', body); }
  revokePrivilege(body: RequestBody) { return this.call('roles/revoke_privilege', body); }

  /** Sets the password hash cost and makes sure `root` exists (a generated password is returned once). */
  initAuth(opts: AuthInit = {}): Promise<{ created: boolean; reset: boolean; generated?: string }> { return initAuth(this.inst, opts); }
  /** True when `password` is the password of `userName`. */
  authenticate(userName: string, password: string): Promise<boolean> { return authenticate(this.inst, userName, password); }
  /** True when `userName` holds a privilege covering `access` (root and admins hold all). */
  authorize(userName: string, access: Access): Promise<boolean> { return authorize(this.inst, userName, access); }
  /** The JSON Schema of a route's request body (for OpenAPI documents). */
  requestSchema(route: Route): Record<string, unknown> { return requestJsonSchema(route); }

  /** Resolves once background work (seal-triggered flushes, index builds, QueryNode loads) has finished. */
  waitForIdle(): Promise<void> { return this.inst.idle(); }
  /** QueryCoord's view of the QueryNodes that run apart (browser workers): segments and rows per node, and recent node failures. Empty when this process searches every segment. */
  queryNodes(): Promise<QueryNodesInfo> { return Promise.resolve(queryNodesInfo(this.inst)); }

  /** Flushes growing data and releases the storage (and its lock). The client is unusable after. */
  close(opts: { flush?: boolean } = {}): Promise<void> {
    return closeInstance(this.inst, opts);
  }
}
