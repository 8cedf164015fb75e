import { writeSegmentFile } from '../datanode/write.js';
import { scheduleIndexBuild } from '../indexnode/build.js';
import type { Instance } from '../instance.js';
import type { Target } from '../proxy/context.js';
import { loadRuntime } from '../querycoord/load.js';
import { serveSealed } from '../querycoord/serve.js';
import { Segment, withVectors } from '../querynode/segment.js';
import type { SegmentMeta } from '../rootcoord/meta.js';
import { physicalMs } from '../rootcoord/tso.js';
import { concatChunks } from '../segment/codec.js';
import { clearExpired, expiryCutoff } from '../segment/ttl.js';
import { flushCollection } from './flush.js';
import { collectGarbage } from './gc.js';

/** Live rows of a segment as a keep-mask per chunk: not deleted, not replaced, not expired at `cutoff` (the collection TTL). */
function keepMasks(seg: Segment, cutoff: bigint | undefined): Uint8Array[] {
  return seg.dead.map((d, c) => {
    const keep = d.map((x) => x ^ 1);
    return cutoff === undefined ? keep : clearExpired(keep, seg.chunks[c]!, cutoff);
  });
}

/**
 * Compaction: flushes, then per partition rewrites every flushed segment without its deleted,
 * replaced and expired (collection TTL) rows, merging small segments up to the seal size. When every flushed segment of the
 * collection was rewritten, its delta files are no longer needed and are dropped too. Returns a
 * compaction id.
 */
export async function compactCollection(inst: Instance, t: Target): Promise<number> {
  const rt = t.rt;
  await flushCollection(inst, rt);
  const wasLoaded = rt.loaded;
  const compactionId = await inst.ids.one();
  await inst.flushLock.run(async () => {
    if (!rt.loaded) await loadRuntime(inst, rt);
    // Rows past the collection TTL go too (the cutoff as a request now would see it).
    const cutoff = expiryCutoff(rt.meta.properties, Math.max(inst.now(), physicalMs(inst.tso.current())));
    const byPartition = new Map<number, Segment[]>();
    for (const s of rt.sealed) byPartition.set(s.partitionId, [...(byPartition.get(s.partitionId) ?? []), s]);
    const replaced = new Set<Segment>();
    const created: Array<{ seg: Segment; meta: SegmentMeta }> = [];
    for (const [pid, segs] of byPartition) {
      const worth = segs.length > 1 || segs.some((s) => keepMasks(s, cutoff).some((k) => k.includes(0)));
      if (!worth) continue;
      let group: Segment[] = [];
      let rows = 0;
      const emit = async (): Promise<void> => {
        if (group.length === 0) return;
        const members = group;
        // Vector columns a QueryNode serves are read back from their files to be rewritten.
        const chunk = await withVectors(members, () => concatChunks(members.flatMap((s) => s.chunks), members.flatMap((s) => keepMasks(s, cutoff))));
        group.forEach((s) => replaced.add(s));
        group = [];
        rows = 0;
        if (chunk.rowCount === 0) return;
        const meta = await writeSegmentFile(inst, rt.meta.dbId, rt.meta.id, pid, chunk);
        const seg = new Segment(meta.id, pid, false);
        seg.append(chunk, 0, meta.bytes, inst.now());
        seg.meta = meta;
        created.push({ seg, meta });
      };
      for (const s of segs) {
        const live = keepMasks(s, cutoff).reduce((n, k) => n + k.reduce((a, x) => a + x, 0), 0);
        if (rows > 0 && rows + live > inst.seal.maxRows) await emit();
        group.push(s);
        rows += live;
      }
      await emit();
    }
    if (replaced.size === 0) return;
    await inst.lock.run(async () => {
      const cur = inst.catalog.collectionById(rt.meta.id);
      if (!cur) return;
      const gone = new Set([...replaced].map((s) => s.id));
      const allRewritten = cur.segments.every((s) => gone.has(s.id));
      await inst.commitCollection({
        ...cur,
        segments: [...cur.segments.filter((s) => !gone.has(s.id)), ...created.map((c) => c.meta)],
        deltas: allRewritten ? [] : cur.deltas,
      });
      rt.sealed = [...rt.sealed.filter((s) => !replaced.has(s)), ...created.map((c) => c.seg)];
      for (const s of replaced) s.disposeIndexes();
      if (allRewritten) rt.deletes = rt.pending.map(({ pk, ts }) => ({ pk, ts }));
      rt.rebuild();
      serveSealed(inst, rt);
    });
  });
  if (!wasLoaded) rt.release();
  else scheduleIndexBuild(inst, rt);
  await collectGarbage(inst);
  return compactionId;
}
