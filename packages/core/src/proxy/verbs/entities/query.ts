import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { expiryOf, makeFilter } from '../../filter.js';
import { parseBody, QueryBody } from '../../requests.js';
import { checkWindow } from './limit-offset.js';
import { runQuery, type QueryResponse } from './run-query.js';

/** entities/query: rows matching a filter expression, with limit/offset/outputFields and count(*). */
export async function query(inst: Instance, raw: unknown): Promise<QueryResponse> {
  const body = parseBody(QueryBody, raw, 'query');
  const t = target(inst, body);
  const limit = body.limit ?? 100;
  const offset = body.offset ?? 0;
  checkWindow(limit, offset);
  const expiry = expiryOf(inst, t.meta);
  const filter = makeFilter(t.meta.schema, body.filter, body.exprParams ?? body.filterParams, expiry);
  return runQuery(inst, t, filter, { limit, offset, outputFields: body.outputFields, partitionNames: body.partitionNames, expiry });
}
