import { ErrorCode, QuiverError } from '../../errors.js';
import type { Instance } from '../../instance.js';
import { OBJECT_PRIVILEGES, OBJECT_TYPES, PRIVILEGE_GROUPS, type ObjectType } from '../../rootcoord/privileges.js';
import { rbacOf, ROOT_USER, type Grant } from '../../rootcoord/rbac.js';
import { DEFAULT_DB } from '../../rootcoord/catalog.js';
import { checkName } from '../../schema/names.js';
import { GrantBody, GrantV2Body, ListBody, parseBody, RoleBody } from '../requests.js';

type Empty = { data: Record<string, never> };

/** roles/create. */
export async function createRole(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(RoleBody, raw, 'roles/create');
  checkName('role', body.roleName, 'roleName');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.createRole(body.roleName));
  return { data: {} };
}

/** roles/list: role names (built-in `admin` and `public` included). */
export async function listRoles(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  parseBody(ListBody, raw, 'roles/list');
  return { data: (await rbacOf(inst)).roleNames() };
}

/** roles/describe: the role's grants `{objectType, objectName, dbName, privilege, grantor}`. */
export async function describeRole(inst: Instance, raw: unknown): Promise<{ data: Grant[] }> {
  const body = parseBody(RoleBody, raw, 'roles/describe');
  return { data: (await rbacOf(inst)).role(body.roleName).grants.map((g) => ({ ...g })) };
}

/** roles/drop: also removes the role from its users (built-in roles cannot be dropped). */
export async function dropRole(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(RoleBody, raw, 'roles/drop');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.dropRole(body.roleName));
  return { data: {} };
}

function checkGrant(objectType: string, privilege: string, verb: string): ObjectType {
  if (!(OBJECT_TYPES as readonly string[]).includes(objectType)) throw new QuiverError(ErrorCode.InvalidParameter, `${verb}: objectType must be one of ${OBJECT_TYPES.join(', ')}, not "${objectType}"`);
  const type = objectType as ObjectType;
  if (!OBJECT_PRIVILEGES[type].includes(privilege)) {
    throw new QuiverError(ErrorCode.InvalidParameter, `${verb}: "${privilege}" cannot be granted on ${type} (it takes: ${OBJECT_PRIVILEGES[type].join(', ')})`);
  }
  return type;
}

async function operate(inst: Instance, raw: unknown, verb: string, grant: boolean): Promise<Empty> {
  const body = parseBody(GrantBody, raw, verb);
  const objectType = checkGrant(body.objectType, body.privilege, verb);
  if (body.objectName.length === 0) throw new QuiverError(ErrorCode.MissingParameter, `${verb}: objectName must not be empty (use "*" for every object)`);
  const g: Grant = { objectType, objectName: body.objectName, dbName: body.dbName || DEFAULT_DB, privilege: body.privilege, grantor: ROOT_USER };
  const r = await rbacOf(inst);
  await r.lock.run(() => (grant ? r.grant(body.roleName, g) : r.revoke(body.roleName, g)));
  return { data: {} };
}

/** roles/grant_privilege: `objectType` (Global, Collection, User), `objectName` (or `*`), `privilege`, in `dbName`. */
export function grantPrivilege(inst: Instance, raw: unknown): Promise<Empty> {
  return operate(inst, raw, 'roles/grant_privilege', true);
}

/** roles/revoke_privilege. */
export function revokePrivilege(inst: Instance, raw: unknown): Promise<Empty> {
  return operate(inst, raw, 'roles/revoke_privilege', false);
}

async function operateV2(inst: Instance, raw: unknown, verb: string, grant: boolean): Promise<Empty> {
  const body = parseBody(GrantV2Body, raw, verb);
  const known = Object.values(OBJECT_PRIVILEGES).some((ps) => ps.includes(body.privilege)) || body.privilege in PRIVILEGE_GROUPS;
  if (!known) throw new QuiverError(ErrorCode.InvalidParameter, `${verb}: unknown privilege "${body.privilege}"`);
  const collection = body.collectionName || '*';
  const g: Grant = { objectType: collection === '*' ? 'Global' : 'Collection', objectName: collection, dbName: body.dbName || '*', privilege: body.privilege, grantor: ROOT_USER };
  const r = await rbacOf(inst);
  await r.lock.run(() => (grant ? r.grant(body.roleName, g) : r.revoke(body.roleName, g)));
  return { data: {} };
}

/** roles/grant_privilege_v2: `privilege` (or group) on `dbName`/`collectionName` (each `*` when absent). */
export function grantPrivilegeV2(inst: Instance, raw: unknown): Promise<Empty> {
  return operateV2(inst, raw, 'roles/grant_privilege_v2', true);
}

/** roles/revoke_privilege_v2. */
export function revokePrivilegeV2(inst: Instance, raw: unknown): Promise<Empty> {
  return operateV2(inst, raw, 'roles/revoke_privilege_v2', false);
}
