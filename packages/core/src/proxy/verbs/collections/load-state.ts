import type { Instance } from '../../../instance.js';
import type { CollectionMeta } from '../../../rootcoord/meta.js';

/** Milvus's load state name of a collection. */
export function loadStateOf(inst: Instance, meta: CollectionMeta): 'LoadStateLoaded' | 'LoadStateNotLoad' {
  return inst.runtimes.get(meta.id)?.loaded ? 'LoadStateLoaded' : 'LoadStateNotLoad';
}
