import type { Instance } from '../../../instance.js';
import type { Empty } from '../empty.js';
import { operateV2 } from './operate-v2.js';

/** roles/revoke_privilege_v2. */
export function revokePrivilegeV2(inst: Instance, raw: unknown): Promise<Empty> {
  return operateV2(inst, raw, 'roles/revoke_privilege_v2', false);
}
