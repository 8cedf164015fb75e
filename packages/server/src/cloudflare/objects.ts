// How the Worker names and reaches Quiver's Durable Objects: `root` (users, roles, the list of
// databases) and `db:<name>` (one per database: its collections, WAL and segment files).
import type { QuiverEnv } from './config.js';

/** Header carrying the target object's name on every request the Worker sends a Durable Object. */
export const OBJECT_HEADER = 'x-quiver-object';
/** Header carrying the caller's identity (`user@address`) for per-client rate limits. */
export const CLIENT_HEADER = 'x-quiver-client';
/** Host of the internal URLs the Worker calls its objects with (never resolved). */
const INTERNAL = 'https://quiver.internal';

/** The root object: RootCoord's global state (users, roles, databases). */
export const ROOT_OBJECT = 'root';

/** The object that holds database `db`. */
export function databaseObject(db: string): string {
  return `db:${db}`;
}

/** True for a name this deployment uses. */
export function isObjectName(name: string | null): name is string {
  return name === ROOT_OBJECT || (name !== null && /^db:[A-Za-z_][A-Za-z0-9_]{0,254}$/.test(name));
}

/** Key prefix of an object's files in the R2 bucket: `root/`, `db/<name>/`. */
export function objectPrefix(name: string): string {
  return name === ROOT_OBJECT ? 'root/' : `${name.replace(':', '/')}/`;
}

/** Sends `init` to the object `name` at `path` (a REST path or an internal `/_quiver/…` one). */
export function callObject(env: QuiverEnv, name: string, path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  const ns = env.QUIVER_OBJECTS;
  const headers = { ...init.headers, [OBJECT_HEADER]: name };
  return ns.get(ns.idFromName(name)).fetch(new Request(`${INTERNAL}${path}`, { ...init, headers }));
}
