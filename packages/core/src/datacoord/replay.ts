import type { Instance } from '../instance.js';
import { int64ArrayFields } from '../querycoord/load.js';
import { completeChunk } from '../schema/evolve.js';
import { decodeRecord } from '../storage/records.js';

/**
 * Recovery on open (ARCHITECTURE.md §3.6): replays the WAL after what flushed files already hold.
 * An insert is skipped when its partition's flushed LSN covers it, a delete when the collection's
 * delta LSN does; records of dropped collections or partitions are skipped.
 */
export async function replayWal(inst: Instance): Promise<{ records: number; applied: number }> {
  let records = 0;
  let applied = 0;
  const arrays = (cid: number) => {
    const m = inst.catalog.collectionById(cid);
    return m ? int64ArrayFields(m.schema) : new Set<string>();
  };
  for await (const entry of inst.storage.wal.read(0)) {
    records++;
    const rec = decodeRecord(entry.data, `WAL record ${entry.lsn}`, arrays);
    inst.tso.observe(rec.ts);
    const meta = inst.catalog.collectionById(rec.collectionId);
    if (!meta) continue;
    const rt = inst.runtime(meta);
    if (rec.kind === 'insert') {
      if (!meta.partitions.some((p) => p.id === rec.partitionId)) continue;
      if (entry.lsn <= (meta.flushedLsn[rec.partitionId] ?? 0)) continue;
      rt.applyInsert(rec.partitionId, completeChunk(meta.schema, rec.chunk), entry.lsn, inst.now());
    } else {
      if (entry.lsn <= meta.deltaLsn) continue;
      rt.applyDelete(rec.pks, rec.ts, entry.lsn);
    }
    applied++;
  }
  return { records, applied };
}
