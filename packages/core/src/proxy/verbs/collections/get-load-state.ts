import type { Instance } from '../../../instance.js';
import { target } from '../../context.js';
import { CollectionBody, parseBody } from '../../requests.js';
import { loadStateOf } from './load-state.js';

/** collections/get_load_state. */
export async function getLoadState(inst: Instance, raw: unknown): Promise<{ data: { loadState: string; loadProgress: number } }> {
  const body = parseBody(CollectionBody, raw, 'collections/get_load_state');
  const t = target(inst, body);
  const state = loadStateOf(inst, t.meta);
  return { data: { loadState: state, loadProgress: state === 'LoadStateLoaded' ? 100 : 0 } };
}
