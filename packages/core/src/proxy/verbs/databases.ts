import { ErrorCode, QuiverError } from '../../errors.js';
import type { Instance } from '../../instance.js';
import { DEFAULT_DB } from '../../rootcoord/catalog.js';
import { checkName } from '../../schema/names.js';
import { AlterDatabaseBody, DatabaseBody, ListBody, parseBody } from '../requests.js';

type Empty = { data: Record<string, never> };
const MAX_DATABASES = 64;

function props(p: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p ?? {})) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

/** databases/create. */
export async function createDatabase(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(DatabaseBody, raw, 'databases/create');
  checkName('database', body.dbName, 'dbName');
  await inst.lock.run(async () => {
    inst.checkOpen();
    if (inst.catalog.findDatabase(body.dbName)) throw new QuiverError(ErrorCode.AlreadyExists, `databases/create: database "${body.dbName}" already exists`);
    if (inst.catalog.databases().length >= MAX_DATABASES) throw new QuiverError(ErrorCode.TooManyDatabases, `databases/create: at most ${MAX_DATABASES} databases`);
    await inst.catalog.putDatabase({ id: await inst.ids.one(), name: body.dbName, properties: props(body.properties), createdTs: inst.tso.next().toString() });
  });
  return { data: {} };
}

/** databases/drop: only an empty database other than `default`. */
export async function dropDatabase(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(DatabaseBody, raw, 'databases/drop');
  await inst.lock.run(async () => {
    inst.checkOpen();
    if (body.dbName === DEFAULT_DB) throw new QuiverError(ErrorCode.InvalidParameter, 'databases/drop: the default database cannot be dropped');
    const db = inst.catalog.database(body.dbName);
    const n = inst.catalog.collections(db.id).length;
    if (n > 0) throw new QuiverError(ErrorCode.InvalidParameter, `databases/drop: database "${db.name}" still has ${n} collection(s); drop them first`);
    await inst.catalog.dropDatabase(db);
  });
  return { data: {} };
}

/** databases/list. */
export async function listDatabases(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  parseBody(ListBody, raw, 'databases/list');
  inst.checkOpen();
  return { data: inst.catalog.databases().map((d) => d.name) };
}

/** databases/describe. */
export async function describeDatabase(inst: Instance, raw: unknown): Promise<{ data: { dbName: string; dbID: number; properties: Array<{ key: string; value: string }> } }> {
  const body = parseBody(DatabaseBody, raw, 'databases/describe');
  inst.checkOpen();
  const db = inst.catalog.database(body.dbName);
  return { data: { dbName: db.name, dbID: db.id, properties: Object.entries(db.properties).map(([key, value]) => ({ key, value })) } };
}

/** databases/alter: sets properties. */
export async function alterDatabase(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(AlterDatabaseBody, raw, 'databases/alter');
  await inst.lock.run(async () => {
    inst.checkOpen();
    const db = inst.catalog.database(body.dbName);
    await inst.catalog.putDatabase({ ...db, properties: { ...db.properties, ...props(body.properties) } });
  });
  return { data: {} };
}
