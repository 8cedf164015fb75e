import type { Instance } from '../../../instance.js';
import { rbacOf } from '../../../rootcoord/rbac.js';
import { parseBody, PasswordBody } from '../../requests.js';
import type { Empty } from '../empty.js';
import { checkPasswordRule, checkUserName } from './credential-rules.js';

/** users/create. */
export async function createUser(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(PasswordBody, raw, 'users/create');
  checkUserName(body.userName, 'users/create');
  checkPasswordRule(body.password, 'password', 'users/create');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.createUser(body.userName, body.password, inst.tso.next().toString()));
  return { data: {} };
}
