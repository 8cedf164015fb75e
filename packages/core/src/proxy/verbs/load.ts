import type { Instance } from '../../instance.js';
import { loadRuntime } from '../../querycoord/load.js';
import type { CollectionMeta } from '../../rootcoord/meta.js';
import { target, type Target } from '../context.js';
import { CollectionBody, parseBody } from '../requests.js';

/** Milvus's load state name of a collection. */
export function loadStateOf(inst: Instance, meta: CollectionMeta): 'LoadStateLoaded' | 'LoadStateNotLoad' {
  return inst.runtimes.get(meta.id)?.loaded ? 'LoadStateLoaded' : 'LoadStateNotLoad';
}

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

/** collections/load. */
export async function loadCollection(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(CollectionBody, raw, 'collections/load');
  await loadTarget(inst, target(inst, body));
  return { data: {} };
}

/** collections/refresh_load: re-reads the collection's files. */
export async function refreshLoad(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(CollectionBody, raw, 'collections/refresh_load');
  await loadTarget(inst, target(inst, body), true);
  return { data: {} };
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

/** collections/release. */
export async function releaseCollection(inst: Instance, raw: unknown): Promise<{ data: Record<string, never> }> {
  const body = parseBody(CollectionBody, raw, 'collections/release');
  await releaseTarget(inst, target(inst, body));
  return { data: {} };
}

/** collections/get_load_state. */
export async function getLoadState(inst: Instance, raw: unknown): Promise<{ data: { loadState: string; loadProgress: number } }> {
  const body = parseBody(CollectionBody, raw, 'collections/get_load_state');
  const t = target(inst, body);
  const state = loadStateOf(inst, t.meta);
  return { data: { loadState: state, loadProgress: state === 'LoadStateLoaded' ? 100 : 0 } };
}
