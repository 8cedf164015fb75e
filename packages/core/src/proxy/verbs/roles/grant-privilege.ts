import type { Instance } from '../../../instance.js';
import type { Empty } from '../empty.js';
import { operate } from './operate.js';

/** roles/grant_privilege: `objectType` (Global, Collection, User), `objectName` (or `*`), `privilege`, in `dbName`. */
export function grantPrivilege(inst: Instance, raw: unknown): Promise<Empty> {
  return operate(inst, raw, 'roles/grant_privilege', true);
}
