// How the Worker names and reaches Quiver's Durable Objects: `root` (users, roles, the list of
// databases), `db:<name>` (one per database: its collections, WAL and segment files) and
// `shard:<db>:<collection id>:<i>` (the rows of shard i of a collection with shardsNum > 1).
import type { QuiverEnv } from './config.js';

/** Header carrying the target object's name on every request the Worker sends a Durable Object. */
export const OBJECT_HEADER = 'x-quiver-object';
/** Header naming the collection a request targets (the database object answers sharded ones with their layout). */
export const COLLECTION_HEADER = 'x-quiver-collection';
/** Response header carrying a sharded collection's layout (JSON) after DDL the Worker mirrors to the shards. */
export const LAYOUT_HEADER = 'x-quiver-layout';
/** The name of the one collection inside every shard object. */
export const SHARD_COLLECTION = 'shard';
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

/** Shard `i` of the collection with id `collectionId` in database `db`. */
export function shardObject(db: string, collectionId: number, i: number): string {
  return `shard:${db}:${collectionId}:${i}`;
}

/** True for a name this deployment uses. */
export function isObjectName(name: string | null): name is string {
  return name === ROOT_OBJECT || (name !== null && /^(db:[A-Za-z_][A-Za-z0-9_]{0,254}|shard:[A-Za-z_][A-Za-z0-9_]{0,254}:\d+:\d+)$/.test(name));
}

/** Key prefix of an object's files in the R2 bucket: `root/`, `db/<name>/`, `shard/<db>/<id>/<i>/`. */
export function objectPrefix(name: string): string {
  return name === ROOT_OBJECT ? 'root/' : `${name.replaceAll(':', '/')}/`;
}

/** Sends `init` to the object `name` at `path` (a REST path or an internal `/_quiver/…` one). */
export function callObject(env: QuiverEnv, name: string, path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  const ns = env.QUIVER_OBJECTS;
  const headers = { ...init.headers, [OBJECT_HEADER]: name };
  return ns.get(ns.idFromName(name)).fetch(new Request(`${INTERNAL}${path}`, { ...init, headers }));
}
