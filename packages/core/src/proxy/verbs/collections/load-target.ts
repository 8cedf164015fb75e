import type { Instance } from '../../../instance.js';
import { loadRuntime } from '../../../querycoord/load.js';
import type { Target } from '../../context.js';

/** Loads a collection's segments into memory and records it as loaded (idempotent). */
export async function loadTarget(inst: Instance, t: Target, refresh = false): Promise<void> {
  await inst.flushLock.run(async () => {
    if (!t.rt.loaded || refresh) await loadRuntime(inst, t.rt);
  });
  await inst.lock.run(async () => {
    const cur = inst.catalog.collectionById(t.meta.id);
    if (cur && !cur.loaded) await inst.commitCollection({ ...cur, loaded: true });
  });
}

/** Releases a collection from memory (its data stays on storage). */
export async function releaseTarget(inst: Instance, t: Target): Promise<void> {
  await inst.flushLock.run(async () => {
    await inst.lock.run(async () => {
      const cur = inst.catalog.collectionById(t.meta.id);
      if (cur?.loaded) await inst.commitCollection({ ...cur, loaded: false });
      t.rt.release();
    });
  });
}
