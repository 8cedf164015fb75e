// Counts the Web Workers this page starts (the library's QueryNode and IndexNode workers), so the
// browser suite can say how many query workers a configuration really ran, not only how many it
// asked for. Installed once by main.ts before any database is opened; benchmark page only.
let started = 0;

/** Wraps `Worker` so that every construction is counted. */
export function countWorkers(): void {
  const Native = globalThis.Worker;
  if (typeof Native !== 'function') return;
  globalThis.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      started++;
    }
  };
}

/** Workers started so far. */
export function workersStarted(): number {
  return started;
}
