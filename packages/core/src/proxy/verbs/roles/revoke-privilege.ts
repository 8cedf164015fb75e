import type { Instance } from '../../../instance.js';
import type { Empty } from '../empty.js';
import { operate } from './operate.js';

/** roles/revoke_privilege. */
export function revokePrivilege(inst: Instance, raw: unknown): Promise<Empty> {
  return operate(inst, raw, 'roles/revoke_privilege', false);
}
