import type { Instance } from '../../../instance.js';
import { rbacOf } from '../../../rootcoord/rbac.js';
import { parseBody, UserRoleBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** users/revoke_role. */
export async function revokeRole(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(UserRoleBody, raw, 'users/revoke_role');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.revokeRole(body.userName, body.roleName));
  return { data: {} };
}
