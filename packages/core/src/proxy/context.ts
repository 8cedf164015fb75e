import { ErrorCode, QuiverError } from '../errors.js';
import type { Instance } from '../instance.js';
import type { CollectionRuntime } from '../querynode/collection.js';
import type { CollectionMeta, DatabaseMeta } from '../rootcoord/meta.js';

/** A resolved collection target: its database, catalog record and runtime. */
export interface Target {
  readonly db: DatabaseMeta;
  readonly meta: CollectionMeta;
  readonly rt: CollectionRuntime;
}

/** Resolves `dbName` + `collectionName` (or alias) to a collection, or throws naming it. */
export function target(inst: Instance, body: { dbName?: string | undefined; collectionName: string }): Target {
  inst.checkOpen();
  const db = inst.catalog.database(body.dbName);
  const meta = inst.catalog.collection(db, body.collectionName);
  return { db, meta, rt: inst.runtime(meta) };
}

/** Throws CollectionNotLoaded unless the collection is loaded. */
export function requireLoaded(t: Target): void {
  if (!t.rt.loaded) throw new QuiverError(ErrorCode.CollectionNotLoaded, `collection not loaded: "${t.meta.name}"; call loadCollection first`);
}

/** Partition ids for `partitionNames` (all when absent or empty), or PartitionNotFound naming one. */
export function partitionIds(meta: CollectionMeta, names: readonly string[] | undefined): Set<number> | undefined {
  if (!names || names.length === 0) return undefined;
  return new Set(names.map((n) => partitionId(meta, n)));
}

/** The id of a partition by name, or PartitionNotFound. */
export function partitionId(meta: CollectionMeta, name: string): number {
  const p = meta.partitions.find((x) => x.name === name);
  if (!p) throw new QuiverError(ErrorCode.PartitionNotFound, `partition not found: "${name}" in collection "${meta.name}"`);
  return p.id;
}

/** Resolves a database name for DDL (default when absent). */
export function database(inst: Instance, dbName: string | undefined): DatabaseMeta {
  inst.checkOpen();
  return inst.catalog.database(dbName);
}
