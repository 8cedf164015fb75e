import { ErrorCode, QuiverError } from '../../errors.js';
import type { Instance } from '../../instance.js';
import { rbacOf, ROOT_USER, type Access } from '../../rootcoord/rbac.js';
import { ListBody, NewPasswordBody, parseBody, PasswordBody, UserBody, UserRoleBody } from '../requests.js';

type Empty = { data: Record<string, never> };

// Milvus's credential rules: user names start with a letter, then letters, digits or "_", at most
// 32 characters; passwords are 6 to 256 characters.
const USER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

function checkUserName(name: string, verb: string): void {
  if (!USER_NAME.test(name)) throw new QuiverError(ErrorCode.InvalidParameter, `${verb}: invalid userName "${name.slice(0, 40)}": start with a letter, then letters, digits or "_", at most 32 characters`);
}

function checkPasswordRule(pw: string, field: string, verb: string): void {
  if (pw.length < 6 || pw.length > 256) throw new QuiverError(ErrorCode.InvalidParameter, `${verb}: ${field} must be 6 to 256 characters long`);
}

/** users/create. */
export async function createUser(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(PasswordBody, raw, 'users/create');
  checkUserName(body.userName, 'users/create');
  checkPasswordRule(body.password, 'password', 'users/create');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.createUser(body.userName, body.password, inst.tso.next().toString()));
  return { data: {} };
}

/** users/list: user names. */
export async function listUsers(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  parseBody(ListBody, raw, 'users/list');
  return { data: (await rbacOf(inst)).userNames() };
}

/** users/describe: the user's role names (Milvus's shape). */
export async function describeUser(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  const body = parseBody(UserBody, raw, 'users/describe');
  return { data: [...(await rbacOf(inst)).user(body.userName).roles] };
}

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

/** users/drop (never root). */
export async function dropUser(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(UserBody, raw, 'users/drop');
  if (body.userName === ROOT_USER) throw new QuiverError(ErrorCode.InvalidParameter, 'users/drop: the root user cannot be dropped');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.dropUser(body.userName));
  return { data: {} };
}

/** users/grant_role. */
export async function grantRole(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(UserRoleBody, raw, 'users/grant_role');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.grantRole(body.userName, body.roleName));
  return { data: {} };
}

/** users/revoke_role. */
export async function revokeRole(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(UserRoleBody, raw, 'users/revoke_role');
  const r = await rbacOf(inst);
  await r.lock.run(() => r.revokeRole(body.userName, body.roleName));
  return { data: {} };
}

/** True when `password` is the password of `userName` (REST authentication). */
export async function authenticate(inst: Instance, userName: string, password: string): Promise<boolean> {
  return (await rbacOf(inst)).verify(userName, password);
}

/** True when `userName` holds the privilege `access` needs (REST authorization). */
export async function authorize(inst: Instance, userName: string, access: Access): Promise<boolean> {
  return (await rbacOf(inst)).allows(userName, access);
}

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
