import { ErrorCode, QuiverError } from './errors.js';
import type { EngineOptions } from './instance.js';
import { openInstance } from './open.js';
import type { Platform } from './platform.js';
import { QuiverClient } from './proxy/client.js';
import { withObjectLocations } from './storage/locate.js';

/** Options of `open()`. */
export interface OpenOptions extends EngineOptions {
  /** `memory://`, `file:///abs/dir` (Node), `idb://name` (browser)… */
  readonly uri: string;
}

/**
 * Opens (creating when absent) the database at `options.uri` on `platform` and returns its client.
 * Platform packages wrap this as their `open()`.
 */
export async function openDatabase(platform: Platform, options: OpenOptions): Promise<QuiverClient> {
  if (typeof options?.uri !== 'string' || options.uri.length === 0) throw new QuiverError(ErrorCode.MissingParameter, 'open: missing required option uri');
  const storage = await platform.openStorage(options.uri);
  try {
    return new QuiverClient(await openInstance(storage, platform, options));
  } catch (e) {
    const located = await withObjectLocations(e, storage.objects); // while the store is open
    await storage.close().catch(() => undefined);
    throw located;
  }
}
