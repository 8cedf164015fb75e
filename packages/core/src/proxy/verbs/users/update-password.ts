import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { rbacOf } from '../../../rootcoord/rbac.js';
import { NewPasswordBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';
import { checkPasswordRule } from './credential-rules.js';

/** users/update_password: `password` must be the current one. */
export async function updatePassword(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(NewPasswordBody, raw, 'users/update_password');
  checkPasswordRule(body.newPassword, 'newPassword', 'users/update_password');
  const r = await rbacOf(inst);
  await r.lock.run(async () => {
    r.user(body.userName);
    if (!(await r.verify(body.userName, body.password))) throw new QuiverError(ErrorCode.InvalidParameter, `users/update_password: the old password of user "${body.userName}" is wrong`);
    await r.setPassword(body.userName, body.newPassword);
  });
  return { data: {} };
}
