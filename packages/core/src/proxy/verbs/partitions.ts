import { collectGarbage } from '../../datacoord/gc.js';
import { ErrorCode, QuiverError } from '../../errors.js';
import type { Instance } from '../../instance.js';
import { DEFAULT_PARTITION } from '../../rootcoord/catalog.js';
import { checkName } from '../../schema/names.js';
import { LIMITS } from '../../schema/types.js';
import { partitionIds, target } from '../context.js';
import { CollectionBody, parseBody, PartitionBody, PartitionsBody } from '../requests.js';
import { rowCount } from './collection-info.js';
import { loadTarget } from './load.js';

type Empty = { data: Record<string, never> };

/** partitions/create. */
export async function createPartition(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(PartitionBody, raw, 'partitions/create');
  checkName('partition', body.partitionName);
  await inst.lock.run(async () => {
    const t = target(inst, body);
    if (t.meta.partitionKeyBuckets > 0) throw new QuiverError(ErrorCode.InvalidParameter, `partitions/create: collection "${t.meta.name}" has a partition key; partitions are managed for you`);
    if (t.meta.partitions.some((p) => p.name === body.partitionName)) throw new QuiverError(ErrorCode.AlreadyExists, `partitions/create: partition "${body.partitionName}" already exists in "${t.meta.name}"`);
    if (t.meta.partitions.length >= LIMITS.maxPartitions) throw new QuiverError(ErrorCode.InvalidParameter, `partitions/create: "${t.meta.name}" already has ${LIMITS.maxPartitions} partitions`);
    const p = { id: await inst.ids.one(), name: body.partitionName, createdTs: inst.tso.next().toString() };
    await inst.commitCollection({ ...t.meta, partitions: [...t.meta.partitions, p] });
  });
  return { data: {} };
}

/** partitions/drop: removes the partition, its rows and files. */
export async function dropPartition(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(PartitionBody, raw, 'partitions/drop');
  await inst.lock.run(async () => {
    const t = target(inst, body);
    if (body.partitionName === DEFAULT_PARTITION || t.meta.partitionKeyBuckets > 0) throw new QuiverError(ErrorCode.InvalidParameter, `partitions/drop: partition "${body.partitionName}" cannot be dropped`);
    const p = t.meta.partitions.find((x) => x.name === body.partitionName);
    if (!p) throw new QuiverError(ErrorCode.PartitionNotFound, `partition not found: "${body.partitionName}" in collection "${t.meta.name}"`);
    await inst.commitCollection({ ...t.meta, partitions: t.meta.partitions.filter((x) => x.id !== p.id), segments: t.meta.segments.filter((s) => s.partitionId !== p.id) });
    t.rt.growing.delete(p.id);
    t.rt.sealing = t.rt.sealing.filter((s) => s.partitionId !== p.id);
    for (const s of t.rt.sealed) if (s.partitionId === p.id) s.disposeIndexes();
    t.rt.sealed = t.rt.sealed.filter((s) => s.partitionId !== p.id);
    if (t.rt.loaded) t.rt.rebuild();
  });
  await collectGarbage(inst);
  return { data: {} };
}

/** partitions/has. */
export async function hasPartition(inst: Instance, raw: unknown): Promise<{ data: { has: boolean } }> {
  const body = parseBody(PartitionBody, raw, 'partitions/has');
  return { data: { has: target(inst, body).meta.partitions.some((p) => p.name === body.partitionName) } };
}

/** partitions/list. */
export async function listPartitions(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  const body = parseBody(CollectionBody, raw, 'partitions/list');
  return { data: target(inst, body).meta.partitions.map((p) => p.name) };
}

/** partitions/get_stats. */
export async function getPartitionStats(inst: Instance, raw: unknown): Promise<{ data: { rowCount: number } }> {
  const body = parseBody(PartitionBody, raw, 'partitions/get_stats');
  const t = target(inst, body);
  return { data: { rowCount: rowCount(inst, t.meta.id, partitionIds(t.meta, [body.partitionName])) } };
}

/** partitions/load: loads the collection (Quiver loads whole collections; named partitions are checked). */
export async function loadPartitions(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(PartitionsBody, raw, 'partitions/load');
  const t = target(inst, body);
  partitionIds(t.meta, body.partitionNames);
  await loadTarget(inst, t);
  return { data: {} };
}

/** partitions/release: Quiver releases only whole collections, so this checks the names and keeps the collection loaded. */
export async function releasePartitions(inst: Instance, raw: unknown): Promise<Empty> {
  const body = parseBody(PartitionsBody, raw, 'partitions/release');
  partitionIds(target(inst, body).meta, body.partitionNames);
  return { data: {} };
}
