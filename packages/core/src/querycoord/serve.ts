import { buildsFile } from '../indexnode/build.js';
import type { Instance } from '../instance.js';
import type { CollectionRuntime } from '../querynode/collection.js';
import type { Segment } from '../querynode/segment.js';
import type { ServedIndex } from '../roles.js';

/** The index files of a sealed segment for the collection's current indexes. */
export function servedIndexes(rt: CollectionRuntime, seg: Segment): ServedIndex[] {
  const out: ServedIndex[] = [];
  for (const ix of rt.meta.indexes.filter(buildsFile)) {
    const path = seg.meta?.indexFiles?.[ix.indexName];
    if (path) out.push({ indexName: ix.indexName, field: ix.fieldName, path });
  }
  return out;
}

/**
 * QueryCoord: hands every sealed segment of a loaded collection that no QueryNode serves yet to
 * the pool (when the platform runs QueryNodes apart). Until a QueryNode has loaded it the
 * coordinator serves it itself; once it has, the coordinator frees its exact-scan copy. Returns
 * false when there is no pool.
 */
export function serveSealed(inst: Instance, rt: CollectionRuntime): boolean {
  const pool = inst.queryPool();
  if (!pool) return false;
  for (const seg of rt.sealed) {
    if (!seg.meta || seg.onRelease) continue;
    pool.place(seg, { key: seg.meta.path, segmentPath: seg.meta.path, rows: seg.rowCount, indexes: servedIndexes(rt, seg) }, () => {
      seg.disposeScans();
      for (const ix of seg.indexes.values()) ix.dispose();
      seg.indexes.clear();
    });
    seg.onRelease = () => pool.release(seg);
  }
  return true;
}
