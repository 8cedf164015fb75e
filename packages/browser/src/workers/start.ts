import { wrap, type Remote } from 'comlink';

/** A role worker once its role is open: the worker, the role's Comlink proxy, and its death. */
export interface RoleWorker<R> {
  readonly worker: Worker;
  readonly role: Remote<R>;
  /** Rejects once the worker is gone (terminated, crashed, failed to load). */
  readonly dead: Promise<never>;
  /** Terminates the worker (its Comlink proxies go with it) and stops watching it. */
  stop(): void;
}

/** Takes the Web Lock `name` and keeps it until this context goes away; resolves once it is held (worker side). */
export function holdForever(name: string): Promise<void> {
  return new Promise<void>((held, fail) => {
    navigator.locks
      .request(name, () => {
        held();
        return new Promise<never>(() => undefined);
      })
      .catch(fail);
  });
}

/** `call`, unless `dead` rejects or `ms` pass first ("the <label> worker gave no answer within <ms> ms while <what>"). */
export function bounded<T>(call: Promise<T>, dead: Promise<never>, ms: number, label: string, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the ${label} worker gave no answer within ${ms} ms while ${what}`)), ms);
  });
  return Promise.race([call, dead, late]).finally(() => clearTimeout(timer));
}

/**
 * Starts a role's module worker and opens the role in it (page side). `open` gets the wrapped
 * worker API and a fresh Web Lock name the worker must hold for its whole life: the page queues
 * for the same lock, so a worker that is terminated or crashes is noticed at once, not at the
 * next call. `label` names the worker in errors.
 */
export async function startRoleWorker<Api, R>(spawn: () => Worker, label: string, timeoutMs: number, open: (api: Remote<Api>, lifeLock: string) => Promise<Remote<R>>): Promise<RoleWorker<R>> {
  const worker = spawn();
  const unwatch = new AbortController();
  let die!: (e: Error) => void;
  const dead = new Promise<never>((_, reject) => (die = reject));
  dead.catch(() => undefined);
  worker.addEventListener('error', (ev) => die(new Error(`the ${label} worker failed: ${ev.message || 'it could not be loaded'}`)));
  worker.addEventListener('messageerror', () => die(new Error(`the ${label} worker sent a message that could not be read`)));
  const lifeLock = `quiver:${label.toLowerCase()}:${crypto.randomUUID()}`;
  try {
    const role = await bounded(open(wrap<Api>(worker), lifeLock), dead, timeoutMs, label, 'starting');
    // The worker holds lifeLock from now on: this request is granted only when it is gone.
    navigator.locks.request(lifeLock, { signal: unwatch.signal }, () => die(new Error(`the ${label} worker stopped (terminated or crashed)`))).catch(() => undefined);
    return {
      worker,
      role,
      dead,
      stop() {
        unwatch.abort();
        die(new Error(`the ${label} worker was stopped`));
        worker.terminate();
      },
    };
  } catch (e) {
    unwatch.abort();
    worker.terminate();
    throw e;
  }
}

export { receiveError, sendErrors } from '@quiver/core';
