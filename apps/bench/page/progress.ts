// Progress bars for the page's long steps: the events go to the Node driver (an exposed
// function, `window.benchProgress`), which draws them with src/progress.ts.
import type { ProgressEvent } from '../src/browser/protocol.js';
import type { Progress } from '../src/progress.js';

declare global {
  interface Window {
    /** Exposed by the driver (playwright `exposeFunction`). */
    benchProgress?: (e: ProgressEvent) => Promise<void>;
  }
}

function send(e: ProgressEvent): void {
  void window.benchProgress?.(e);
}

/** Starts a step of `total` units named `label` (at most 5 updates a second cross to Node). */
export function progress(label: string, total: number): Progress {
  send({ kind: 'start', label, total });
  let count = 0;
  let last = 0;
  const set = (done: number): void => {
    count = done;
    const now = performance.now();
    if (now - last < 200) return;
    last = now;
    send({ kind: 'set', done });
  };
  return {
    tick: (n = 1) => set(count + n),
    set,
    done: (note) => send(note === undefined ? { kind: 'done' } : { kind: 'done', note }),
  };
}
