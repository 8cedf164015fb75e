import { ErrorCode, QuiverError } from '../../errors.js';
import type { Instance } from '../../instance.js';
import { checkName } from '../../schema/names.js';
import { database } from '../context.js';
import { AliasBody, AliasNameBody, ListAliasesBody, parseBody } from '../requests.js';

type Empty = { data: Record<string, never> };

/** aliases/create. */
export async function createAlias(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(AliasBody, raw, 'aliases/create');
  checkName('alias', body.aliasName);
  await inst.lock.run(async () => {
    const db = database(inst, body.dbName);
    const coll = inst.catalog.collection(db, body.collectionName);
    if (inst.catalog.aliasTarget(db.id, body.aliasName) !== undefined) throw new QuiverError(ErrorCode.AliasAlreadyExists, `aliases/create: alias "${body.aliasName}" already exists`);
    if (inst.catalog.collections(db.id).some((c) => c.name === body.aliasName)) throw new QuiverError(ErrorCode.AliasAlreadyExists, `aliases/create: "${body.aliasName}" is already a collection name`);
    await inst.catalog.putAlias(db.id, body.aliasName, coll.id);
  });
  return { data: {} };
}

/** aliases/alter: points an existing alias at another collection. */
export async function alterAlias(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(AliasBody, raw, 'aliases/alter');
  await inst.lock.run(async () => {
    const db = database(inst, body.dbName);
    const coll = inst.catalog.collection(db, body.collectionName);
    if (inst.catalog.aliasTarget(db.id, body.aliasName) === undefined) throw new QuiverError(ErrorCode.AliasNotFound, `alias not found: "${body.aliasName}"`);
    await inst.catalog.putAlias(db.id, body.aliasName, coll.id);
  });
  return { data: {} };
}

/** aliases/drop (a missing alias is not an error, as in Milvus). */
export async function dropAlias(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(AliasNameBody, raw, 'aliases/drop');
  await inst.lock.run(async () => {
    const db = database(inst, body.dbName);
    if (inst.catalog.aliasTarget(db.id, body.aliasName) !== undefined) await inst.catalog.dropAlias(db.id, body.aliasName);
  });
  return { data: {} };
}

/** aliases/describe. */
export async function describeAlias(inst: Instance, raw: unknown): Promise<{ data: { aliasName: string; collectionName: string; dbName: string } }> {
  const body = parseBody(AliasNameBody, raw, 'aliases/describe');
  const db = database(inst, body.dbName);
  const id = inst.catalog.aliasTarget(db.id, body.aliasName);
  const coll = id === undefined ? undefined : inst.catalog.collectionById(id);
  if (!coll) throw new QuiverError(ErrorCode.AliasNotFound, `alias not found: "${body.aliasName}"`);
  return { data: { aliasName: body.aliasName, collectionName: coll.name, dbName: db.name } };
}

/** aliases/list (of one collection when `collectionName` is given). */
export async function listAliases(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  const body = parseBody(ListAliasesBody, raw, 'aliases/list');
  const db = database(inst, body.dbName);
  const coll = body.collectionName ? inst.catalog.collection(db, body.collectionName) : undefined;
  return { data: inst.catalog.aliasesOf(db.id, coll?.id) };
}
