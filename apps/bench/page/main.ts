// The benchmark page: a plain Vite app that src/browser/driver.ts builds, serves and opens in
// headless Chromium. The driver calls `window.bench.<suite part>(request)` through playwright-core;
// with `?cold=<db>&collection=<c>&dim=<d>` or `?read=<db>` the page instead times a cold open (or a
// read of the database's files) as soon as it has loaded, and leaves the result in `window.benchCold`.
import type { ColdResult, PageApi } from '../src/browser/protocol.js';
import { ann } from './ann.js';
import { ingest } from './ingest.js';
import { coldOpen, persist, readFiles } from './open.js';
import { countWorkers } from './workers.js';

// Modules are evaluated before this line: this is when the page's script could start working.
const importMs = performance.now();

declare global {
  interface Window {
    bench: PageApi;
    benchCold?: ColdResult;
  }
}

countWorkers();
const params = new URLSearchParams(location.search);
const cold = params.get('cold');
const read = params.get('read');
if (cold !== null || read !== null) {
  const run = cold !== null ? coldOpen(cold, params.get('collection') ?? '', Number(params.get('dim')), importMs) : readFiles(read!, importMs);
  run.then(
    (r) => (window.benchCold = r),
    (e: unknown) => (window.benchCold = { mode: 'error', message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) }),
  );
}
window.bench = { ingest, persist, ann };
