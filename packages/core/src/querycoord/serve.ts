import { decodeSegment } from '../datanode/files.js';
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
 * coordinator serves it itself; once it has, the coordinator frees its exact-scan copy and drops
 * the segment's vector columns (read back from the file only while output or compaction needs
 * them, see `withVectors`). Returns
 * false when there is no pool.
 */
export function serveSealed(inst: Instance, rt: CollectionRuntime): boolean {
  const pool = inst.queryPool();
  if (!pool) return false;
  for (const seg of rt.sealed) {
    if (!seg.meta || seg.onRelease) continue;
    const path = seg.meta.path;
    pool.place(seg, { key: path, segmentPath: path, rows: seg.rowCount, indexes: servedIndexes(rt, seg) }, () => {
      // The QueryNode has the vectors: this thread keeps only what it needs (the other columns).
      seg.disposeScans();
      for (const ix of seg.indexes.values()) ix.dispose();
      seg.indexes.clear();
      seg.vectorHome = async () => decodeSegment(await inst.storage.objects.get(path), path);
      seg.detachVectors();
    });
    seg.onRelease = () => pool.release(seg);
  }
  return true;
}
