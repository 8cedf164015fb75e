import type { Instance } from '../../../instance.js';
import { rbacOf, type Grant } from '../../../rootcoord/rbac.js';
import { parseBody, RoleBody } from '../../requests.js';

/** roles/describe: the role's grants `{objectType, objectName, dbName, privilege, grantor}`. */
export async function describeRole(inst: Instance, raw: unknown): Promise<{ data: Grant[] }> {
  const body = parseBody(RoleBody, raw, 'roles/describe');
  return { data: (await rbacOf(inst)).role(body.roleName).grants.map((g) => ({ ...g })) };
}
