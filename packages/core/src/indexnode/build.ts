import type { Instance } from '../instance.js';
import type { IndexType, MetricType } from '../index/types.js';
import type { CollectionRuntime } from '../querynode/collection.js';
import type { IndexMeta, SegmentMeta } from '../rootcoord/meta.js';

/** Milvus index types Quiver accepts for compatibility and serves with an HNSW graph. */
export const IVF_LIKE: readonly string[] = ['IVF_FLAT', 'IVF_SQ8', 'IVF_PQ', 'IVF_RABITQ', 'SCANN', 'DISKANN'];

/** Index types IndexNode builds a file for (FLAT is an exact scan over the segment itself). */
export function buildsFile(ix: IndexMeta): boolean {
  return ix.indexType === 'HNSW' || ix.indexType === 'AUTOINDEX' || IVF_LIKE.includes(ix.indexType);
}

/** What the engine builds for an index: its own type and params, or HNSW defaults for the IVF-like ones. */
function engineSpec(ix: IndexMeta): { indexType: IndexType; params: Record<string, unknown> } {
  if (IVF_LIKE.includes(ix.indexType)) return { indexType: 'HNSW', params: {} };
  return { indexType: ix.indexType as IndexType, params: ix.params };
}

/** Object-store path of a segment's index file. */
export function indexPath(segmentPath: string, indexName: string): string {
  return segmentPath.replace(/data\.qseg$/, `${indexName}.qidx`);
}

/**
 * IndexNode: builds the missing index files of a loaded collection's sealed segments, stores them
 * and records them in the catalog, and attaches them to the segments in memory. Runs under the
 * flush lock (so segments do not change under it).
 */
export async function buildMissingIndexes(inst: Instance, rt: CollectionRuntime): Promise<number> {
  return inst.flushLock.run(async () => {
    if (!rt.loaded) return 0;
    const indexes = rt.meta.indexes.filter(buildsFile);
    const built: Array<{ segId: number; name: string; path: string }> = [];
    for (const seg of rt.sealed) {
      if (!seg.meta) continue;
      for (const ix of indexes) {
        if (seg.indexes.has(ix.indexName) || seg.meta.indexFiles?.[ix.indexName]) continue;
        const dim = rt.meta.schema.fields.find((f) => f.name === ix.fieldName)!.dim!;
        const path = indexPath(seg.meta.path, ix.indexName);
        await inst.indexNode().buildIndex({ segmentPath: seg.meta.path, indexPath: path, field: ix.fieldName, dim, metric: ix.metricType as MetricType, ...engineSpec(ix) });
        const pool = seg.onRelease ? inst.queryPool() : undefined;
        if (pool) pool.attachIndex(seg, { indexName: ix.indexName, field: ix.fieldName, path });
        else {
          const engine = await inst.ann();
          seg.indexes.set(ix.indexName, engine.loadIndex(await inst.storage.objects.get(path), path));
          seg.disposeScans(ix.fieldName);
        }
        built.push({ segId: seg.id, name: ix.indexName, path });
      }
    }
    if (built.length === 0) return 0;
    await inst.lock.run(async () => {
      const cur = inst.catalog.collectionById(rt.meta.id);
      if (!cur) return;
      const segments = cur.segments.map((s): SegmentMeta => {
        const mine = built.filter((b) => b.segId === s.id);
        if (mine.length === 0) return s;
        const indexFiles = { ...(s.indexFiles ?? {}) };
        for (const b of mine) indexFiles[b.name] = b.path;
        return { ...s, indexFiles, state: 'Indexed' };
      });
      await inst.commitCollection({ ...cur, segments });
      for (const seg of rt.sealed) seg.meta = segments.find((s) => s.id === seg.id) ?? seg.meta;
    });
    return built.length;
  });
}

/** Schedules {@link buildMissingIndexes} in the background. */
export function scheduleIndexBuild(inst: Instance, rt: CollectionRuntime): void {
  if (!rt.meta.indexes.some(buildsFile)) return;
  inst.spawn(() => buildMissingIndexes(inst, rt));
}
