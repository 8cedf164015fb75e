import { ErrorCode, QuiverError } from '../errors.js';
import type { Instance } from '../instance.js';
import type { MetaOp, MetaStore } from '../storage/types.js';
import { Mutex } from '../util/mutex.js';
import { checkPassword, DEFAULT_PBKDF2_ITERATIONS, hashPassword, randomPassword, type PasswordHash } from './credentials.js';
import { covers, type ObjectType } from './privileges.js';

const USER = 'rootcoord/credential/';
const ROLE = 'rootcoord/role/';

/** The superuser, created on first start. */
export const ROOT_USER = 'root';
/** Built-in role with every privilege. */
export const ADMIN_ROLE = 'admin';
/** Built-in role every user holds. */
export const PUBLIC_ROLE = 'public';

/** A user: its password hash and roles (RootCoord state, persisted in the MetaStore). */
export interface UserRecord extends PasswordHash {
  readonly name: string;
  readonly roles: readonly string[];
  readonly createdTs: string;
}

/** A privilege granted to a role on an object (`*` = every object / database). */
export interface Grant {
  readonly objectType: ObjectType;
  readonly objectName: string;
  readonly dbName: string;
  readonly privilege: string;
  readonly grantor: string;
}

/** A role and its grants. */
export interface RoleRecord {
  readonly name: string;
  readonly grants: readonly Grant[];
}

/** What a request needs: a privilege on an object of a database. */
export interface Access {
  readonly privilege: string;
  readonly objectType: ObjectType;
  readonly objectName: string;
  readonly dbName: string;
}

/** Milvus's default grants of the `public` role. */
const PUBLIC_DEFAULTS: readonly Grant[] = [
  { objectType: 'Global', objectName: '*', dbName: '*', privilege: 'DescribeCollection', grantor: ROOT_USER },
  { objectType: 'Global', objectName: '*', dbName: '*', privilege: 'ListAliases', grantor: ROOT_USER },
  { objectType: 'Collection', objectName: '*', dbName: '*', privilege: 'IndexDetail', grantor: ROOT_USER },
];

const notFound = (what: string, name: string): QuiverError => new QuiverError(ErrorCode.InvalidParameter, `${what} not found: "${name}"`);

/**
 * RootCoord's users and roles: records mirrored in memory and persisted in the MetaStore, every
 * change one atomic batch applied in memory after it is durable. Passwords are PBKDF2 hashes; a
 * password that verified once is remembered in memory only, so later requests cost a string
 * comparison instead of a PBKDF2 run (Milvus caches its bcrypt checks the same way). Web Crypto
 * runs on Node's thread pool, where it would queue behind WAL fsyncs on every request.
 */
export class Rbac {
  private readonly users = new Map<string, UserRecord>();
  private readonly roles = new Map<string, RoleRecord>();
  /** The password each user last proved, in memory only (never stored), compared without hashing. */
  private readonly verified = new Map<string, string>();
  /** Serializes changes. */
  readonly lock = new Mutex();
  /** PBKDF2 iterations for new hashes. */
  iterations = DEFAULT_PBKDF2_ITERATIONS;

  private constructor(private readonly meta: MetaStore) {}

  /** Loads users and roles; the built-in roles exist from the start. */
  static async open(meta: MetaStore): Promise<Rbac> {
    const r = new Rbac(meta);
    r.roles.set(ADMIN_ROLE, { name: ADMIN_ROLE, grants: [] });
    r.roles.set(PUBLIC_ROLE, { name: PUBLIC_ROLE, grants: PUBLIC_DEFAULTS });
    for (const [, v] of await meta.scan(USER)) {
      const u = JSON.parse(v) as UserRecord;
      r.users.set(u.name, u);
    }
    for (const [, v] of await meta.scan(ROLE)) {
      const role = JSON.parse(v) as RoleRecord;
      r.roles.set(role.name, role);
    }
    return r;
  }

  private async commit(ops: MetaOp[]): Promise<void> {
    await this.meta.batch(ops);
  }

  private putUser(u: UserRecord): MetaOp {
    return { type: 'put', key: USER + u.name, value: JSON.stringify(u) };
  }

  private putRole(r: RoleRecord): MetaOp {
    return { type: 'put', key: ROLE + r.name, value: JSON.stringify(r) };
  }

  /** User names, sorted. */
  userNames(): string[] {
    return [...this.users.keys()].sort();
  }

  /** A user, or an error naming it. */
  user(name: string): UserRecord {
    const u = this.users.get(name);
    if (!u) throw notFound('user', name);
    return u;
  }

  /** True when the user exists. */
  hasUser(name: string): boolean {
    return this.users.has(name);
  }

  /** Role names, sorted. */
  roleNames(): string[] {
    return [...this.roles.keys()].sort();
  }

  /** A role, or an error naming it. */
  role(name: string): RoleRecord {
    const r = this.roles.get(name);
    if (!r) throw notFound('role', name);
    return r;
  }

  /** Creates a user with a hashed password. */
  async createUser(name: string, password: string, createdTs: string): Promise<void> {
    if (this.users.has(name)) throw new QuiverError(ErrorCode.AlreadyExists, `user "${name}" already exists`);
    const u: UserRecord = { name, roles: [], createdTs, ...(await hashPassword(password, this.iterations)) };
    await this.commit([this.putUser(u)]);
    this.users.set(name, u);
  }

  /** True when `password` is the user's password (false for an unknown user). */
  async verify(name: string, password: string): Promise<boolean> {
    const u = this.users.get(name);
    if (!u) return false;
    const known = this.verified.get(name);
    if (known !== undefined) return sameText(known, password);
    if (!(await checkPassword(password, u))) return false;
    if (this.users.get(name) === u) this.verified.set(name, password);
    return true;
  }

  /** Replaces a user's password (the caller has checked the old one or the privilege). */
  async setPassword(name: string, password: string): Promise<void> {
    const u = this.user(name);
    const next: UserRecord = { ...u, ...(await hashPassword(password, this.iterations)) };
    await this.commit([this.putUser(next)]);
    this.users.set(name, next);
    this.verified.delete(name);
  }

  /** Removes a user. */
  async dropUser(name: string): Promise<void> {
    this.user(name);
    await this.commit([{ type: 'delete', key: USER + name }]);
    this.users.delete(name);
    this.verified.delete(name);
  }

  /** Gives a user a role (idempotent). */
  async grantRole(userName: string, roleName: string): Promise<void> {
    const u = this.user(userName);
    this.role(roleName);
    if (u.roles.includes(roleName)) return;
    const next = { ...u, roles: [...u.roles, roleName] };
    await this.commit([this.putUser(next)]);
    this.users.set(userName, next);
  }

  /** Takes a role from a user (idempotent). */
  async revokeRole(userName: string, roleName: string): Promise<void> {
    const u = this.user(userName);
    this.role(roleName);
    const next = { ...u, roles: u.roles.filter((r) => r !== roleName) };
    await this.commit([this.putUser(next)]);
    this.users.set(userName, next);
  }

  /** Creates an empty role. */
  async createRole(name: string): Promise<void> {
    if (this.roles.has(name)) throw new QuiverError(ErrorCode.AlreadyExists, `role "${name}" already exists`);
    const r: RoleRecord = { name, grants: [] };
    await this.commit([this.putRole(r)]);
    this.roles.set(name, r);
  }

  /** Drops a role, its grants, and its membership of every user (built-in roles stay). */
  async dropRole(name: string): Promise<void> {
    this.role(name);
    if (name === ADMIN_ROLE || name === PUBLIC_ROLE) throw new QuiverError(ErrorCode.InvalidParameter, `the built-in role "${name}" cannot be dropped`);
    const members = [...this.users.values()].filter((u) => u.roles.includes(name)).map((u) => ({ ...u, roles: u.roles.filter((r) => r !== name) }));
    await this.commit([{ type: 'delete', key: ROLE + name }, ...members.map((u) => this.putUser(u))]);
    this.roles.delete(name);
    for (const u of members) this.users.set(u.name, u);
  }

  /** Adds a grant to a role (idempotent). */
  async grant(roleName: string, g: Grant): Promise<void> {
    const r = this.role(roleName);
    if (r.grants.some((x) => sameGrant(x, g))) return;
    const next = { ...r, grants: [...r.grants, g] };
    await this.commit([this.putRole(next)]);
    this.roles.set(roleName, next);
  }

  /** Removes a grant from a role (idempotent). */
  async revoke(roleName: string, g: Grant): Promise<void> {
    const r = this.role(roleName);
    const next = { ...r, grants: r.grants.filter((x) => !sameGrant(x, g)) };
    await this.commit([this.putRole(next)]);
    this.roles.set(roleName, next);
  }

  /**
   * True when `userName` may do `access`: root and holders of `admin` may do anything; otherwise
   * some role of the user (or `public`) holds a covering privilege (itself, `All`, or a group
   * containing it) on the database (or `*`), granted on `Global` or on the object (or `*`).
   */
  allows(userName: string, access: Access): boolean {
    if (userName === ROOT_USER) return true;
    const u = this.users.get(userName);
    if (!u) return false;
    if (u.roles.includes(ADMIN_ROLE)) return true;
    for (const roleName of new Set([...u.roles, PUBLIC_ROLE])) {
      for (const g of this.roles.get(roleName)?.grants ?? []) {
        if (!covers(g.privilege, access.privilege)) continue;
        if (g.dbName !== '*' && g.dbName !== access.dbName) continue;
        if (g.objectType === 'Global') return true;
        if (g.objectType === access.objectType && (g.objectName === '*' || g.objectName === access.objectName)) return true;
      }
    }
    return false;
  }

  /**
   * Makes sure `root` exists: created with `password`, or with a generated one (returned, to be
   * shown once) when none is given; an existing root keeps its password unless `password` is
   * given and differs, in which case it is reset to it.
   */
  async bootstrapRoot(password: string | undefined, createdTs: string): Promise<{ created: boolean; reset: boolean; generated?: string }> {
    if (!this.users.has(ROOT_USER)) {
      const pw = password ?? randomPassword();
      await this.createUser(ROOT_USER, pw, createdTs);
      await this.grantRole(ROOT_USER, ADMIN_ROLE);
      return password === undefined ? { created: true, reset: false, generated: pw } : { created: true, reset: false };
    }
    if (password !== undefined && !(await this.verify(ROOT_USER, password))) {
      await this.setPassword(ROOT_USER, password);
      return { created: false, reset: true };
    }
    return { created: false, reset: false };
  }
}

/** Compares two strings in time that depends only on their lengths. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function sameGrant(a: Grant, b: Grant): boolean {
  return a.objectType === b.objectType && a.objectName === b.objectName && a.dbName === b.dbName && a.privilege === b.privilege;
}

const opened = new WeakMap<Instance, Promise<Rbac>>();

/** The users and roles of an open instance (loaded from its MetaStore on first use). */
export function rbacOf(inst: Instance): Promise<Rbac> {
  inst.checkOpen();
  let r = opened.get(inst);
  if (!r) {
    r = Rbac.open(inst.storage.meta);
    r.catch(() => opened.delete(inst));
    opened.set(inst, r);
  }
  return r;
}
