import type { Instance } from '../../../instance.js';
import { ListBody, parseBody } from '../../requests.js';

/** databases/list. */
export async function listDatabases(inst: Instance, raw: unknown): Promise<{ data: string[] }> {
  parseBody(ListBody, raw, 'databases/list');
  inst.checkOpen();
  return { data: inst.catalog.databases().map((d) => d.name) };
}
