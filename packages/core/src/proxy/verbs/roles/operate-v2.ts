import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { OBJECT_PRIVILEGES, PRIVILEGE_GROUPS } from '../../../rootcoord/privileges.js';
import { rbacOf, ROOT_USER, type Grant } from '../../../rootcoord/rbac.js';
import { GrantV2Body, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** Grants or revokes a privilege (or privilege group) on a database/collection (roles/grant_privilege_v2, roles/revoke_privilege_v2). */
export async function operateV2(inst: Instance, raw: unknown, verb: string, grant: boolean): Promise<Empty> {
  const body = parseBody(GrantV2Body, raw, verb);
  const known = Object.values(OBJECT_PRIVILEGES).some((ps) => ps.includes(body.privilege)) || body.privilege in PRIVILEGE_GROUPS;
  if (!known) throw new QuiverError(ErrorCode.InvalidParameter, `${verb}: unknown privilege "${body.privilege}"`);
  const collection = body.collectionName || '*';
  const g: Grant = { objectType: collection === '*' ? 'Global' : 'Collection', objectName: collection, dbName: body.dbName || '*', privilege: body.privilege, grantor: ROOT_USER };
  const r = await rbacOf(inst);
  await r.lock.run(() => (grant ? r.grant(body.roleName, g) : r.revoke(body.roleName, g)));
  return { data: {} };
}
