import type { Instance } from '../../../instance.js';
import { rbacOf } from '../../../rootcoord/rbac.js';
import { ListBody, parseBody } from '../../requests.js';

/** users/list: user names. */
export async function listUsers(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  parseBody(ListBody, raw, 'users/list');
  return { data: (await rbacOf(inst)).userNames() };
}
