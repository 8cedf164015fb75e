import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';

/** indexes/list: index names. */
export async function listIndexes(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  const body = parseBody(CollectionBody, raw, 'indexes/list');
  return { data: target(inst, body).meta.indexes.map((i) => i.indexName) };
}
