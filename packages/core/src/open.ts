import { flushCollection } from './datacoord/flush.js';
import { collectGarbage } from './datacoord/gc.js';
import { shouldSeal } from './datacoord/policy.js';
import { replayWal } from './datacoord/replay.js';
import { Instance, type EngineOptions } from './instance.js';
import type { Platform } from './platform.js';
import { loadRuntime } from './querycoord/load.js';
import { Catalog } from './rootcoord/catalog.js';
import { IdAllocator } from './rootcoord/ids.js';
import { Tso, TSO_KEY } from './rootcoord/tso.js';
import type { Storage } from './storage/types.js';

/**
 * Opens a database instance on `storage` (ARCHITECTURE.md §3.6): loads the catalog, replays the
 * WAL after the flushed checkpoint, loads the collections that were loaded, and removes files a
 * crash left unreferenced.
 */
export async function openInstance(storage: Storage, platform: Platform, options: EngineOptions = {}): Promise<Instance> {
  const saved = await storage.meta.get(TSO_KEY);
  const tso = new Tso(platform.clock, saved ? BigInt(saved) : 0n);
  const catalog = await Catalog.open(storage.meta, () => tso.next().toString());
  const ids = await IdAllocator.open(storage.meta);
  const inst = new Instance(storage, platform, catalog, ids, tso, options);
  for (const meta of catalog.allCollections()) {
    inst.runtime(meta);
    for (const s of meta.segments) tso.observe(BigInt(s.maxTs));
  }
  await replayWal(inst);
  for (const rt of inst.runtimes.values()) if (rt.meta.loaded) await loadRuntime(inst, rt);
  await collectGarbage(inst);
  await storage.meta.put(TSO_KEY, tso.current().toString());
  const tickMs = options.tickMs ?? 10_000;
  if (tickMs > 0 && platform.setTimer) {
    const tick = (): void => {
      if (inst.closed) return;
      sealByAge(inst);
      inst.stopTimer = platform.setTimer!(tick, tickMs);
    };
    inst.stopTimer = platform.setTimer(tick, tickMs);
  }
  return inst;
}

function sealByAge(inst: Instance): void {
  const now = inst.now();
  for (const rt of inst.runtimes.values()) {
    const due = [...rt.growing.values()].filter((g) => shouldSeal(inst.seal, g, now));
    if (due.length === 0 || rt.flushScheduled) continue;
    rt.flushScheduled = true;
    inst.spawn(() => flushCollection(inst, rt, new Set(due.map((g) => g.partitionId))).finally(() => (rt.flushScheduled = false)));
  }
}

/**
 * Closes an instance: refuses new requests, waits for background work, flushes growing segments
 * (so the next open replays little) and releases the storage. Idempotent.
 */
export async function closeInstance(inst: Instance, opts: { flush?: boolean } = {}): Promise<void> {
  if (inst.closed) return;
  inst.closed = true;
  inst.stopTimer?.();
  await Promise.allSettled([...inst.background]);
  try {
    if (opts.flush !== false) {
      for (const rt of [...inst.runtimes.values()]) if (inst.catalog.collectionById(rt.meta.id)) await flushCollection(inst, rt);
    }
    await inst.storage.meta.put(TSO_KEY, inst.tso.current().toString());
  } finally {
    inst.closePool();
    await inst.storage.close();
  }
}
