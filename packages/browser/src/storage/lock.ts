import { ErrorCode, QuiverError } from '@quiver/core';

/** What to do when another tab or worker of this origin has the database open. */
export type LockBehavior = 'fail' | 'wait';

/** Options of {@link lockDatabase}. */
export interface DatabaseLockOptions {
  /** `fail` (default): reject with `Locked` at once; `wait`: wait until the holder closes it. */
  readonly lock?: LockBehavior;
  /** Gives up waiting (lock `wait`) when aborted: `Locked`. */
  readonly signal?: AbortSignal;
}

/** An exclusive Web Lock held on one database until released. */
export interface DatabaseLock {
  /** The Web Lock's name. */
  readonly name: string;
  /** Releases the lock (idempotent). */
  release(): Promise<void>;
}

/** The Web Lock name of Quiver database `name`. */
export function lockName(name: string): string {
  return `quiver:idb:${name}`;
}

/**
 * Takes the exclusive Web Lock of database `name` (`navigator.locks`, shared by every tab and
 * worker of the origin). The browser releases it if the page goes away.
 */
export async function lockDatabase(name: string, options: DatabaseLockOptions = {}): Promise<DatabaseLock> {
  const mode = options.lock ?? 'fail';
  if (mode !== 'fail' && mode !== 'wait') throw new QuiverError(ErrorCode.InvalidParameter, `lock must be "fail" or "wait", got ${JSON.stringify(mode)}`);
  if (typeof navigator === 'undefined' || typeof navigator.locks?.request !== 'function') {
    throw new QuiverError(ErrorCode.Unsupported, 'Web Locks (navigator.locks) are not available in this context; idb:// needs them to keep two tabs from writing one database');
  }
  const lock = lockName(name);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let done: Promise<unknown> = Promise.resolve();
  const granted = await new Promise<boolean>((resolve, reject) => {
    const request: LockOptions = mode === 'wait' ? { mode: 'exclusive', ...(options.signal ? { signal: options.signal } : {}) } : { mode: 'exclusive', ifAvailable: true };
    done = navigator.locks.request(lock, request, async (l) => {
      resolve(l !== null);
      if (l !== null) await held;
    });
    done.catch(reject);
  }).catch((e: unknown) => {
    throw new QuiverError(ErrorCode.Locked, `idb://${name}: gave up waiting for the Web Lock "${lock}" (${(e as Error)?.message ?? String(e)})`, { cause: e });
  });
  if (!granted) {
    throw new QuiverError(ErrorCode.Locked, `idb://${name} is open in another tab or worker of this origin (it holds the Web Lock "${lock}"); close it there, or open with lock: 'wait' to wait for it`);
  }
  return {
    name: lock,
    async release() {
      release();
      await done;
    },
  };
}
