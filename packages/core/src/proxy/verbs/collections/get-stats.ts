import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';
import { rowCount } from './row-count.js';

/**
 * collections/get_stats: `rowCount` counts stored rows, as Milvus does: deleted and replaced rows
 * count until compaction removes them (`count(*)` in a query gives the live rows).
 */
export async function getCollectionStats(inst: Instance, raw: unknown): Promise<{ data: { rowCount: number } }> {
  const body = parseBody(CollectionBody, raw, 'collections/get_stats');
  const t = target(inst, body);
  return { data: { rowCount: rowCount(inst, t.meta.id) } };
}
