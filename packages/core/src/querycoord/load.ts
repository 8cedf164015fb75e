import { decodeDelta, decodeSegment, type DeltaEntry } from '../datanode/files.js';
import { buildsFile, scheduleIndexBuild } from '../indexnode/build.js';
import type { Instance } from '../instance.js';
import type { CollectionRuntime } from '../querynode/collection.js';
import { Segment } from '../querynode/segment.js';
import { serveSealed } from './serve.js';
import type { CollectionMeta, SegmentMeta } from '../rootcoord/meta.js';
import { completeChunk } from '../schema/evolve.js';
import type { CollectionSchema } from '../schema/types.js';

/** Array fields whose elements are Int64 (their JSON encoding needs reviving). */
export function int64ArrayFields(schema: CollectionSchema): ReadonlySet<string> {
  return new Set(schema.fields.filter((f) => f.dataType === 'Array' && f.elementType === 'Int64').map((f) => f.name));
}

/** Reads and verifies one segment file into memory. */
export async function readSegment(inst: Instance, meta: CollectionMeta, s: SegmentMeta): Promise<Segment> {
  const bytes = await inst.storage.objects.get(s.path);
  const chunk = completeChunk(meta.schema, decodeSegment(bytes, s.path, int64ArrayFields(meta.schema)));
  const seg = new Segment(s.id, s.partitionId, false);
  seg.append(chunk, 0, bytes.length, inst.now());
  seg.meta = s;
  return seg;
}

/** Loads the index files a segment has for the collection's current indexes. */
async function loadIndexes(inst: Instance, meta: CollectionMeta, seg: Segment): Promise<void> {
  for (const ix of meta.indexes.filter(buildsFile)) {
    const path = seg.meta?.indexFiles?.[ix.indexName];
    if (!path || seg.indexes.has(ix.indexName)) continue;
    const engine = await inst.ann();
    seg.indexes.set(ix.indexName, engine.loadIndex(await inst.storage.objects.get(path), path));
    seg.disposeScans(ix.fieldName);
  }
}

/** Reads every delta file of a collection. */
export async function readDeltas(inst: Instance, meta: CollectionMeta): Promise<DeltaEntry[]> {
  const out: DeltaEntry[] = [];
  for (const path of meta.deltas) out.push(...decodeDelta(await inst.storage.objects.get(path), path));
  return out;
}

/**
 * QueryCoord's load: brings a collection's flushed segments and deletes into memory and makes it
 * queryable. When the platform runs QueryNodes apart (the browser's worker pool), each sealed
 * segment is assigned to one and the load returns once they have loaded their files; otherwise
 * this process serves every segment.
 */
export async function loadRuntime(inst: Instance, rt: CollectionRuntime): Promise<void> {
  const meta = rt.meta;
  const sealed: Segment[] = [];
  for (const s of meta.segments) sealed.push(await readSegment(inst, meta, s));
  // With QueryNodes apart, they load the index files themselves; otherwise this process does.
  const pool = inst.queryPool();
  if (!pool) for (const seg of sealed) await loadIndexes(inst, meta, seg);
  const deletes = await readDeltas(inst, meta);
  for (const old of rt.sealed) if (!sealed.includes(old)) old.disposeIndexes();
  rt.load(sealed, deletes);
  if (serveSealed(inst, rt)) await pool!.settled();
  scheduleIndexBuild(inst, rt);
}
