import type { Instance } from '../../../instance.js';
import { rbacOf } from '../../../rootcoord/rbac.js';

/** True when `password` is the password of `userName` (REST authentication). */
export async function authenticate(inst: Instance, userName: string, password: string): Promise<boolean> {
  return (await rbacOf(inst)).verify(userName, password);
}
