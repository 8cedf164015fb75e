import type { CollectionSchema } from '../schema/types.js';

/** A database in the catalog. */
export interface DatabaseMeta {
  readonly id: number;
  readonly name: string;
  readonly properties: Record<string, string>;
  readonly createdTs: string;
}

/** A partition of a collection. */
export interface PartitionMeta {
  readonly id: number;
  readonly name: string;
  readonly createdTs: string;
}

/** An index declared on a field (built per segment by IndexNode). */
export interface IndexMeta {
  readonly indexName: string;
  readonly fieldName: string;
  readonly indexType: string;
  readonly metricType: string;
  readonly params: Record<string, unknown>;
}

/** Segment states of ARCHITECTURE.md §3 that reach the catalog. */
export type SegmentState = 'Flushed' | 'Indexed' | 'Dropped';

/** A flushed segment: a columnar file in the ObjectStore. */
export interface SegmentMeta {
  readonly id: number;
  readonly partitionId: number;
  readonly state: SegmentState;
  readonly rowCount: number;
  readonly path: string;
  readonly bytes: number;
  /** Hybrid timestamps of the oldest and newest row, as decimal strings. */
  readonly minTs: string;
  readonly maxTs: string;
  /** Index files by index name (issue: vector search). */
  readonly indexFiles?: Record<string, string>;
}

/** A collection in the catalog, with its partitions, indexes, segments and WAL positions. */
export interface CollectionMeta {
  readonly id: number;
  readonly dbId: number;
  readonly name: string;
  readonly description: string;
  readonly schema: CollectionSchema;
  readonly partitions: readonly PartitionMeta[];
  readonly properties: Record<string, string>;
  readonly consistencyLevel: string;
  readonly shardsNum: number;
  /** Number of partitions a partition key hashes into (0 when there is no partition key). */
  readonly partitionKeyBuckets: number;
  readonly indexes: readonly IndexMeta[];
  readonly loaded: boolean;
  readonly createdTs: string;
  readonly segments: readonly SegmentMeta[];
  /** Per partition id: every insert record with an LSN up to this one is in a flushed segment. */
  readonly flushedLsn: Record<string, number>;
  /** Every delete record with an LSN up to this one is in a delta file. */
  readonly deltaLsn: number;
  /** Delta files (deletes) not yet folded away by compaction. */
  readonly deltas: readonly string[];
}

/** The consistency levels Milvus names. */
export const CONSISTENCY_LEVELS = ['Strong', 'Session', 'Bounded', 'Eventually', 'Customized'] as const;
