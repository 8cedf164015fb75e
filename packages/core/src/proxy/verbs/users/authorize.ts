import type { Instance } from '../../../instance.js';
import { rbacOf, type Access } from '../../../rootcoord/rbac.js';

/** True when `userName` holds the privilege `access` needs (REST authorization). */
export async function authorize(inst: Instance, userName: string, access: Access): Promise<boolean> {
  return (await rbacOf(inst)).allows(userName, access);
}
