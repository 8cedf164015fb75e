import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { checkName } from '../../../schema/names.js';
import { DatabaseBody, parseBody } from '../../requests.js';
import type { Empty } from '../empty.js';
import { props } from './props.js';

const MAX_DATABASES = 64;

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
