import type { Instance } from '../instance.js';

/**
 * Deletes object-store files no catalog record refers to: files of dropped collections and
 * partitions, segments replaced by compaction, and files a crash left between write and commit.
 * Runs under the flush lock so no flush is between writing a file and committing it.
 */
export async function collectGarbage(inst: Instance): Promise<number> {
  return inst.flushLock.run(async () => {
    const live = new Set<string>();
    for (const c of inst.catalog.allCollections()) {
      for (const s of c.segments) {
        live.add(s.path);
        for (const p of Object.values(s.indexFiles ?? {})) live.add(p);
      }
      for (const d of c.deltas) live.add(d);
    }
    let n = 0;
    for (const path of await inst.storage.objects.list('')) {
      if (live.has(path)) continue;
      await inst.storage.objects.delete(path);
      n++;
    }
    return n;
  });
}
