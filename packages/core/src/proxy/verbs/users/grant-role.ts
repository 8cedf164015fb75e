import type { Instance } from '../../../instance.js';
import { rbacOf } from '../../../rootcoord/rbac.js';
import { parseBody, UserRoleBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** users/grant_role. */
export async function grantRole(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(UserRoleBody, raw, 'users/grant_role');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.grantRole(body.userName, body.roleName));
  return { data: {} };
}
