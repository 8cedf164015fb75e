import { encodeDelta } from '../datanode/files.js';
import { writeSegmentFile } from '../datanode/write.js';
import { scheduleIndexBuild } from '../indexnode/build.js';
import type { Instance } from '../instance.js';
import { serveSealed } from '../querycoord/serve.js';
import type { CollectionRuntime } from '../querynode/collection.js';
import type { Segment } from '../querynode/segment.js';
import type { SegmentMeta } from '../rootcoord/meta.js';
import { TSO_KEY } from '../rootcoord/tso.js';
import { concatChunks } from '../segment/codec.js';
import type { MetaOp } from '../storage/types.js';

/** Object-store path of a delta file. */
export function deltaPath(dbId: number, collectionId: number, id: number): string {
  return `${dbId}/${collectionId}/delta/${id}.qdel`;
}

/**
 * Seals the growing segments of a collection (all, or those of `partitionIds`) and flushes them
 * with the pending deletes: DataNode writes the files, then one catalog commit records them and
 * the WAL positions they cover, and only then may the WAL be truncated.
 */
export async function flushCollection(inst: Instance, rt: CollectionRuntime, partitionIds?: ReadonlySet<number>): Promise<void> {
  await inst.flushLock.run(async () => {
    // 1. Detach what is flushed now; later inserts start new growing segments.
    // Segments left over from a failed flush go first.
    const sealing: Segment[] = rt.sealing.filter((s) => !partitionIds || partitionIds.has(s.partitionId));
    for (const [pid, seg] of rt.growing) {
      if (seg.rowCount === 0 || (partitionIds && !partitionIds.has(pid))) continue;
      rt.growing.delete(pid);
      sealing.push(seg);
    }
    const deletes = rt.pending.splice(0);
    for (const s of sealing) if (!rt.sealing.includes(s)) rt.sealing.push(s);
    try {
      // 2. Write files (outside the catalog lock: sealing segments no longer change).
      const { dbId, id: cid } = rt.meta;
      const metas: SegmentMeta[] = [];
      for (const seg of sealing) metas.push(await writeSegmentFile(inst, dbId, cid, seg.partitionId, concatChunks(seg.chunks)));
      let delta: string | undefined;
      if (deletes.length > 0) {
        delta = deltaPath(dbId, cid, await inst.ids.one());
        await inst.dataNode().writeSegment({ path: delta, bytes: encodeDelta(deletes) }); // DataNode writes delta files too
      }
      // 3. Commit, against the catalog as it is now.
      await inst.lock.run(async () => {
        const cur = inst.catalog.collectionById(cid);
        if (!cur) return;
        const flushedLsn = { ...cur.flushedLsn };
        sealing.forEach((s) => (flushedLsn[s.partitionId] = Math.max(flushedLsn[s.partitionId] ?? 0, s.lastLsn)));
        // Delete timestamps leave the WAL with this commit: store the TSO with it, so no later open
        // issues a timestamp below them (a re-insert would die by an older delete), even when the
        // clock stepped back across a crash.
        const tsoFloor: MetaOp[] = delta ? [{ type: 'put', key: TSO_KEY, value: inst.tso.current().toString() }] : [];
        await inst.commitCollection({
          ...cur,
          segments: [...cur.segments, ...metas],
          flushedLsn,
          deltaLsn: deletes.length > 0 ? Math.max(cur.deltaLsn, deletes[deletes.length - 1]!.lsn) : cur.deltaLsn,
          deltas: delta ? [...cur.deltas, delta] : cur.deltas,
        }, tsoFloor);
        sealing.forEach((s, i) => {
          s.id = metas[i]!.id;
          s.meta = metas[i]!;
          if (rt.loaded) rt.sealed.push(s);
          else s.disposeIndexes(); // the segment leaves memory; its file holds the rows
        });
        rt.sealing = rt.sealing.filter((s) => !sealing.includes(s));
        if (rt.loaded) serveSealed(inst, rt);
      });
    } catch (e) {
      // Everything is still in the WAL: the segments stay in `sealing` and the deletes pending,
      // and the next flush tries again.
      rt.pending.unshift(...deletes);
      throw e;
    }
    await truncateWal(inst);
  });
  // A flush by close() builds no index: the instance is going away (the next open builds what is missing).
  if (rt.loaded && !inst.closed) scheduleIndexBuild(inst, rt);
}

/** Drops WAL records that every collection has in flushed files (keeping in-flight appends). */
export async function truncateWal(inst: Instance): Promise<void> {
  let min = inst.storage.wal.nextLsn();
  for (const rt of inst.runtimes.values()) min = Math.min(min, rt.firstUnflushedLsn());
  for (const lsn of inst.inflight.values()) min = Math.min(min, lsn);
  await inst.storage.wal.truncate(min);
}
