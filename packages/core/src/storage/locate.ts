import { ErrorCode, QuiverError, isQuiverError, type ErrorCodeValue } from '../errors.js';
import type { ObjectStore } from './types.js';

// A damaged segment, delta or index file is found by the code that decodes it, which knows only
// the object path (`1/100/101/102/data.qseg`). Someone repairing a data folder needs the file on
// disk, so errors about stored objects get the store's location of each object they name added
// on their way out of the engine: `1/…/data.qseg (at /data/objects/1/…/data.qseg)`.

/** Codes of errors about a stored object. */
const OBJECT_ERRORS: ReadonlySet<ErrorCodeValue> = new Set([ErrorCode.Corrupted, ErrorCode.KeyNotFound, ErrorCode.IoFailed, ErrorCode.SegmentLoadFailed]);

/** Runs of object-path characters with at least one "/": the candidates for object paths. */
const CANDIDATE = /[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)+/g;

/**
 * `e` with the location of every existing object its message names added after the path, when
 * `objects` can locate objects and `e` is about a stored object; otherwise `e` itself. Only paths
 * of objects that exist are annotated, so other slash-separated words stay as they are.
 */
export async function withObjectLocations(e: unknown, objects: ObjectStore): Promise<unknown> {
  if (!isQuiverError(e) || objects.locate === undefined || !OBJECT_ERRORS.has(e.code)) return e;
  let message = e.message;
  for (const path of new Set(e.message.match(CANDIDATE) ?? [])) {
    let where: string;
    try {
      where = objects.locate(path);
    } catch {
      continue; // not a valid object path
    }
    if (where === path || message.includes(where)) continue;
    const exists = await objects.list(path).then((paths) => paths.includes(path), () => false);
    if (!exists) continue;
    // After the path, or after its closing quote when it is quoted: `'1/…/vector.qidx' (at …)`.
    const [head, ...tails] = message.split(path);
    message = head + tails.map((t) => {
      const q = t.startsWith("'") || t.startsWith('"') ? t[0] : '';
      return `${path}${q} (at ${where})${t.slice(q.length)}`;
    }).join('');
  }
  return message === e.message ? e : new QuiverError(e.code, message, { cause: e });
}
