import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { rbacOf, ROOT_USER } from '../../../rootcoord/rbac.js';
import { parseBody, UserBody } from '../../requests.js';
import type { Empty } from '../empty.js';

/** users/drop (never root). */
export async function dropUser(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(UserBody, raw, 'users/drop');
  if (body.userName === ROOT_USER) throw new QuiverError(ErrorCode.InvalidParameter, 'users/drop: the root user cannot be dropped');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.dropUser(body.userName));
  return { data: {} };
}
