import { ErrorCode, QuiverError } from '../errors.js';
import type { MetaOp, MetaStore } from '../storage/types.js';
import { parseWithBigInt, stringifyWithBigInt } from '../util/json.js';
import type { CollectionMeta, DatabaseMeta } from './meta.js';

const DB = 'rootcoord/db/';
const COLL = 'rootcoord/coll/';
const ALIAS = 'rootcoord/alias/';

/** The default database, which always exists. */
export const DEFAULT_DB = 'default';
/** The default partition, which every collection without a partition key has. */
export const DEFAULT_PARTITION = '_default';

/**
 * RootCoord's catalog: databases, collections (with partitions, indexes and segments) and aliases,
 * mirrored in memory and persisted in the MetaStore. Every change is one atomic MetaStore batch,
 * applied in memory only after it is durable.
 */
export class Catalog {
  private readonly dbs = new Map<number, DatabaseMeta>();
  private readonly colls = new Map<number, CollectionMeta>();
  /** `<dbId>/<alias>` → collection id. */
  private readonly aliases = new Map<string, number>();

  private constructor(private readonly meta: MetaStore) {}

  /** Loads the catalog (creating the default database on first open). */
  static async open(meta: MetaStore, createdTs: () => string): Promise<Catalog> {
    const c = new Catalog(meta);
    for (const [, v] of await meta.scan(DB)) {
      const d = JSON.parse(v) as DatabaseMeta;
      c.dbs.set(d.id, d);
    }
    for (const [, v] of await meta.scan(COLL)) {
      const m = parseWithBigInt(v) as CollectionMeta;
      c.colls.set(m.id, m);
    }
    for (const [k, v] of await meta.scan(ALIAS)) c.aliases.set(k.slice(ALIAS.length), Number(v));
    if (!c.findDatabase(DEFAULT_DB)) {
      const d: DatabaseMeta = { id: 1, name: DEFAULT_DB, properties: {}, createdTs: createdTs() };
      await c.commit([{ type: 'put', key: DB + d.id, value: JSON.stringify(d) }]);
      c.dbs.set(d.id, d);
    }
    return c;
  }

  private async commit(ops: MetaOp[]): Promise<void> {
    await this.meta.batch(ops);
  }

  /** All databases. */
  databases(): DatabaseMeta[] {
    return [...this.dbs.values()].sort((a, b) => a.id - b.id);
  }

  /** A database by name, or undefined. */
  findDatabase(name: string): DatabaseMeta | undefined {
    for (const d of this.dbs.values()) if (d.name === name) return d;
    return undefined;
  }

  /** A database by name, or DatabaseNotFound. */
  database(name: string | undefined): DatabaseMeta {
    const n = name && name.length > 0 ? name : DEFAULT_DB;
    const d = this.findDatabase(n);
    if (!d) throw new QuiverError(ErrorCode.DatabaseNotFound, `database not found: "${n}"`);
    return d;
  }

  /** Stores a database record (create or alter). */
  async putDatabase(d: DatabaseMeta): Promise<void> {
    await this.commit([{ type: 'put', key: DB + d.id, value: JSON.stringify(d) }]);
    this.dbs.set(d.id, d);
  }

  /** Removes an empty database. */
  async dropDatabase(d: DatabaseMeta): Promise<void> {
    await this.commit([{ type: 'delete', key: DB + d.id }]);
    this.dbs.delete(d.id);
  }

  /** Collections of a database, by creation order. */
  collections(dbId: number): CollectionMeta[] {
    return [...this.colls.values()].filter((c) => c.dbId === dbId).sort((a, b) => a.id - b.id);
  }

  /** Every collection of every database. */
  allCollections(): CollectionMeta[] {
    return [...this.colls.values()];
  }

  /** A collection by id. */
  collectionById(id: number): CollectionMeta | undefined {
    return this.colls.get(id);
  }

  /** A collection by name or alias in a database, or undefined. */
  findCollection(dbId: number, nameOrAlias: string): CollectionMeta | undefined {
    for (const c of this.colls.values()) if (c.dbId === dbId && c.name === nameOrAlias) return c;
    const id = this.aliases.get(`${dbId}/${nameOrAlias}`);
    return id === undefined ? undefined : this.colls.get(id);
  }

  /** A collection by name or alias, or CollectionNotFound naming it. */
  collection(db: DatabaseMeta, nameOrAlias: string): CollectionMeta {
    const c = this.findCollection(db.id, nameOrAlias);
    if (!c) throw new QuiverError(ErrorCode.CollectionNotFound, `collection not found: "${nameOrAlias}" in database "${db.name}"`);
    return c;
  }

  /** Stores a collection record (create or any change), atomically with `extra` operations. */
  async putCollection(c: CollectionMeta, extra: MetaOp[] = []): Promise<void> {
    await this.commit([{ type: 'put', key: COLL + c.id, value: stringifyWithBigInt(c) }, ...extra]);
    this.colls.set(c.id, c);
  }

  /** Removes a collection and its aliases. */
  async dropCollection(c: CollectionMeta): Promise<void> {
    const gone = [...this.aliases.entries()].filter(([, id]) => id === c.id).map(([k]) => k);
    await this.commit([{ type: 'delete', key: COLL + c.id }, ...gone.map((k): MetaOp => ({ type: 'delete', key: ALIAS + k }))]);
    this.colls.delete(c.id);
    for (const k of gone) this.aliases.delete(k);
  }

  /** Aliases of a database (optionally of one collection). */
  aliasesOf(dbId: number, collectionId?: number): string[] {
    const out: string[] = [];
    for (const [k, id] of this.aliases) {
      const [d, name] = [Number(k.slice(0, k.indexOf('/'))), k.slice(k.indexOf('/') + 1)];
      if (d === dbId && (collectionId === undefined || id === collectionId)) out.push(name);
    }
    return out.sort();
  }

  /** The collection id an alias points to. */
  aliasTarget(dbId: number, alias: string): number | undefined {
    return this.aliases.get(`${dbId}/${alias}`);
  }

  /** Points an alias at a collection (create or alter). */
  async putAlias(dbId: number, alias: string, collectionId: number): Promise<void> {
    await this.commit([{ type: 'put', key: `${ALIAS}${dbId}/${alias}`, value: String(collectionId) }]);
    this.aliases.set(`${dbId}/${alias}`, collectionId);
  }

  /** Removes an alias. */
  async dropAlias(dbId: number, alias: string): Promise<void> {
    await this.commit([{ type: 'delete', key: `${ALIAS}${dbId}/${alias}` }]);
    this.aliases.delete(`${dbId}/${alias}`);
  }
}
