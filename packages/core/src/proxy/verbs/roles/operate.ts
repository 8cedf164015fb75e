import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { DEFAULT_DB } from '../../../rootcoord/catalog.js';
import { OBJECT_PRIVILEGES, OBJECT_TYPES, type ObjectType } from '../../../rootcoord/privileges.js';
import { rbacOf, ROOT_USER, type Grant } from '../../../rootcoord/rbac.js';
import { GrantBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';

function checkGrant(objectType: string, privilege: string, verb: string): ObjectType {
  if (!(OBJECT_TYPES as readonly string[]).includes(objectType)) throw new QuiverError(ErrorCode.InvalidParameter, `${verb}: objectType must be one of ${OBJECT_TYPES.join(', ')}, not "${objectType}"`);
  const type = objectType as ObjectType;
  if (!OBJECT_PRIVILEGES[type].includes(privilege)) {
    throw new QuiverError(ErrorCode.InvalidParameter, `${verb}: "${privilege}" cannot be granted on ${type} (it takes: ${OBJECT_PRIVILEGES[type].join(', ')})`);
  }
  return type;
}

/** Grants or revokes a privilege on an object (roles/grant_privilege, roles/revoke_privilege). */
export async function operate(inst: Instance, raw: unknown, verb: string, grant: boolean): Promise<Empty> {
  const body = parseBody(GrantBody, raw, verb);
  const objectType = checkGrant(body.objectType, body.privilege, verb);
  if (body.objectName.length === 0) throw new QuiverError(ErrorCode.MissingParameter, `${verb}: objectName must not be empty (use "*" for every object)`);
  const g: Grant = { objectType, objectName: body.objectName, dbName: body.dbName || DEFAULT_DB, privilege: body.privilege, grantor: ROOT_USER };
  const r = await rbacOf(inst);
  await r.lock.run(() => (grant ? r.grant(body.roleName, g) : r.revoke(body.roleName, g)));
  return { data: {} };
}
