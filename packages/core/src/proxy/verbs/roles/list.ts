import type { Instance } from '../../../instance.js';
import { rbacOf } from '../../../rootcoord/rbac.js';
import { ListBody, parseBody } from '../../requests.js';

/** roles/list: role names (built-in `admin` and `public` included). */
export async function listRoles(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  parseBody(ListBody, raw, 'roles/list');
  return { data: (await rbacOf(inst)).roleNames() };
}
