import type { Instance } from '../../../instance.js';
import type { Empty } from '../empty.js';
import { operateV2 } from './operate-v2.js';

/** roles/grant_privilege_v2: `privilege` (or group) on `dbName`/`collectionName` (each `*` when absent). */
export function grantPrivilegeV2(inst: Instance, raw: unknown): Promise<Empty> {
  return operateV2(inst, raw, 'roles/grant_privilege_v2', true);
}
