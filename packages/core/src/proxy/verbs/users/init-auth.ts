import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { rbacOf } from '../../../rootcoord/rbac.js';
import { checkPasswordRule } from './credential-rules.js';

/** Options of {@link initAuth}. */
export interface AuthInit {
  /** Root's password: created with it, or reset to it when root has another one. */
  readonly rootPassword?: string | undefined;
  /** PBKDF2 iterations for new password hashes (default 600,000). */
  readonly iterations?: number | undefined;
}

/**
 * Prepares authentication: sets the hash cost and makes sure `root` exists. Without a root
 * password on first start one is generated and returned (`generated`), to be shown once.
 */
export async function initAuth(inst: Instance, opts: AuthInit = {}): Promise<{ created: boolean; reset: boolean; generated?: string }> {
  const r = await rbacOf(inst);
  if (opts.iterations !== undefined) {
    if (!Number.isInteger(opts.iterations) || opts.iterations < 1) throw new QuiverError(ErrorCode.InvalidParameter, 'initAuth: iterations must be a positive integer');
    r.iterations = opts.iterations;
  }
  if (opts.rootPassword !== undefined) checkPasswordRule(opts.rootPassword, 'the root password', 'initAuth');
  return r.lock.run(() => r.bootstrapRoot(opts.rootPassword, inst.tso.next().toString()));
}
