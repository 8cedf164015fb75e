// What the Worker needs to know about a collection with shardsNum > 1 to spread its rows over
// shard objects and merge their answers. The database object computes it from its catalog.
import type { QuiverClient } from '@quiver/core';

/** The layout of a sharded collection. */
export interface ShardLayout {
  readonly db: string;
  readonly collectionId: number;
  readonly shards: number;
  /** Primary key field and type. */
  readonly pk: string;
  readonly pkType: string;
  readonly autoId: boolean;
  /** Metric of each indexed vector field. */
  readonly metrics: Readonly<Record<string, string>>;
  /** Int64 fields (their values travel as strings between shards and Worker). */
  readonly int64Fields: readonly string[];
}

/** Routes whose answer for a sharded collection is assembled by the Worker from every shard. */
export const FANOUT_ROUTES: ReadonlySet<string> = new Set([
  'entities/insert', 'entities/upsert', 'entities/delete', 'entities/get', 'entities/query', 'entities/search', 'entities/hybrid_search',
  'collections/get_stats', 'partitions/get_stats',
]);

/** DDL the database object applies and the Worker then repeats on every shard. */
export const MIRRORED_ROUTES: ReadonlySet<string> = new Set([
  'collections/load', 'collections/release', 'collections/refresh_load', 'collections/flush', 'collections/compact', 'collections/drop',
  'collections/alter_properties', 'collections/drop_properties', 'collections/fields/add', 'collections/fields/alter_properties',
  'partitions/create', 'partitions/drop', 'partitions/load', 'partitions/release',
  'indexes/create', 'indexes/drop', 'indexes/alter_properties', 'indexes/drop_properties',
]);

interface Described {
  collectionID: number;
  shardsNum: number;
  fields: Array<{ name: string; type: string; primaryKey?: boolean; autoId?: boolean; elementType?: string }>;
  indexes: Array<{ fieldName: string; metricType: string }>;
}

/** The layout of `collectionName` (or an alias) in `db`, or undefined when it has one shard or does not exist. */
export async function layoutOf(client: QuiverClient, db: string, collectionName: string): Promise<ShardLayout | undefined> {
  let d: Described;
  try {
    d = (await client.describeCollection({ dbName: db, collectionName })).data as unknown as Described;
  } catch {
    return undefined; // the request itself reports the error
  }
  if (!(d.shardsNum > 1)) return undefined;
  const pk = d.fields.find((f) => f.primaryKey)!;
  return {
    db,
    collectionId: d.collectionID,
    shards: d.shardsNum,
    pk: pk.name,
    pkType: pk.type,
    autoId: pk.autoId === true,
    metrics: Object.fromEntries(d.indexes.map((i) => [i.fieldName, i.metricType])),
    int64Fields: d.fields.filter((f) => f.type === 'Int64' || (f.type === 'Array' && f.elementType === 'Int64')).map((f) => f.name),
  };
}
