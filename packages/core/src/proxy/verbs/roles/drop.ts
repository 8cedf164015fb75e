import type { Instance } from '../../../instance.js';
import { rbacOf } from '../../../rootcoord/rbac.js';
import { parseBody, RoleBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** roles/drop: also removes the role from its users (built-in roles cannot be dropped). */
export async function dropRole(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(RoleBody, raw, 'roles/drop');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.dropRole(body.roleName));
  return { data: {} };
}
