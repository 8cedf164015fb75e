import type { Instance } from '../../../instance.js';
import { rbacOf } from '../../../rootcoord/rbac.js';
import { checkName } from '../../../schema/names.js';
import { parseBody, RoleBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** roles/create. */
export async function createRole(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(RoleBody, raw, 'roles/create');
  checkName('role', body.roleName, 'roleName');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.createRole(body.roleName));
  return { data: {} };
}
