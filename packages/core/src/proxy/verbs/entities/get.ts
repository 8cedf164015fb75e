import { ErrorCode, QuiverError } from '../../../errors.js';
import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { expiryOf } from '../../filter.js';
import { GetBody, parseBody } from '../../requests.js';
import { pkList } from './pk-list.js';
import { runQuery, type QueryResponse } from './run-query.js';

/** entities/get: rows by primary key (`id`: one or many), in the order the keys were given. */
export async function get(inst: Instance, raw: unknown): Promise<QueryResponse> {
  const body = parseBody(GetBody, raw, 'get');
  const t = target(inst, body);
  const ids = body.id ?? body.ids;
  if (ids === undefined) throw new QuiverError(ErrorCode.MissingParameter, 'get: missing required parameter id');
  const pks = pkList(t.meta.schema.fields.find((f) => f.isPrimary)!, ids, 'id');
  if (pks.length > 16384) throw new QuiverError(ErrorCode.ParameterTooLarge, `get: ${pks.length} ids, more than 16384`);
  const lookup = { pkLookup: pks, evaluate: () => new Uint8Array(0) };
  return runQuery(inst, t, lookup, { limit: pks.length, offset: 0, outputFields: body.outputFields, partitionNames: body.partitionNames, expiry: expiryOf(inst, t.meta) });
}
