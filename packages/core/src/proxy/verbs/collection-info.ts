import type { Instance } from '../../instance.js';
import { database, target } from '../context.js';
import { CollectionBody, ListBody, parseBody } from '../requests.js';

/** collections/list: names in the database. */
export async function listCollections(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  const body = parseBody(ListBody, raw, 'collections/list');
  const db = database(inst, body.dbName);
  return { data: inst.catalog.collections(db.id).map((c) => c.name) };
}

/** collections/has. */
export async function hasCollection(inst: Instance, raw: unknown): Promise<{ data: { has: boolean } }> {
  const body = parseBody(CollectionBody, raw, 'collections/has');
  const db = database(inst, body.dbName);
  return { data: { has: inst.catalog.findCollection(db.id, body.collectionName) !== undefined } };
}

/**
 * collections/get_stats: `rowCount` counts stored rows, as Milvus does: deleted and replaced rows
 * count until compaction removes them (`count(*)` in a query gives the live rows).
 */
export async function getCollectionStats(inst: Instance, raw: unknown): Promise<{ data: { rowCount: number } }> {
  const body = parseBody(CollectionBody, raw, 'collections/get_stats');
  const t = target(inst, body);
  return { data: { rowCount: rowCount(inst, t.meta.id) } };
}

/** Stored rows of a collection (optionally of some partitions): flushed segments plus rows not yet flushed. */
export function rowCount(inst: Instance, collectionId: number, partitionIds?: ReadonlySet<number>): number {
  const rt = inst.runtimes.get(collectionId)!;
  const stored = rt.meta.segments.filter((s) => !partitionIds || partitionIds.has(s.partitionId)).reduce((n, s) => n + s.rowCount, 0);
  const unflushed = rt.segments(partitionIds).filter((s) => !s.meta).reduce((n, s) => n + s.rowCount, 0);
  return stored + unflushed;
}
