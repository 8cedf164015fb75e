import type { Instance } from '../../../instance.js';
import { rbacOf } from '../../../rootcoord/rbac.js';
import { parseBody, UserBody } from '../../requests.js';

/** users/describe: the user's role names (Milvus's shape). */
export async function describeUser(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  const body = parseBody(UserBody, raw, 'users/describe');
  return { data: [...(await rbacOf(inst)).user(body.userName).roles] };
}
