// Runs the benchmark page (apps/bench/page) in headless Chromium: builds it with Vite and serves
// it from 127.0.0.1 (the driven tests' helper, test/browser/driven/serve.ts), writes the dataset
// next to it, launches Debian's Chromium through playwright-core on a persistent profile (the same
// folder again = the same IndexedDB and OPFS), shows the page's progress on our progress bars and
// calls `window.bench`. Nothing here times anything: the page measures, this carries results.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../../test/browser/chromium.js';
import { buildAndServePage, type ServedPage } from '../../../../test/browser/driven/serve.js';
import type { Dataset } from '../data/dataset.js';
import { type Progress, progress } from '../progress.js';
import type { ColdResult, PageCalls, PageDataset, ProgressEvent } from './protocol.js';

const PAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../page');

/** One Chromium process on a profile, with the benchmark page open. */
export interface BenchTab {
  readonly page: Page;
  readonly context: BrowserContext;
  /** ms to launch Chromium (process start to a usable context). */
  readonly launchMs: number;
  /** Calls `window.bench[name](request)` and returns its result. */
  call<N extends keyof PageCalls>(name: N, request: PageCalls[N][0]): Promise<PageCalls[N][1]>;
  close(): Promise<void>;
}

/** The served page and its dataset; `launch` starts a browser on it. */
export interface BenchBrowser {
  /** Puts `ds` (and `buckets`) in the served folder; the page fetches it from there. */
  serve(ds: Dataset, buckets?: Int32Array): Promise<PageDataset>;
  /**
   * Launches Chromium on the profile folder `profile` and opens the page (with `query`, e.g.
   * `?cold=…`), then waits until it is ready (or, with a load-time mode, until its result is there).
   */
  launch(profile: string, query?: string): Promise<BenchTab & { readonly cold?: ColdResult; readonly loadMs: number }>;
  /** A fresh profile folder in tmp (removed by `stop`). */
  profile(): Promise<string>;
  /** Launches Chromium on a fresh profile, calls `window.bench[name](request)`, closes the browser and returns the result. */
  call<N extends keyof PageCalls>(name: N, request: PageCalls[N][0]): Promise<PageCalls[N][1]>;
  /** The Chromium version, once a browser ran. */
  readonly version: string | undefined;
  /** Closes every browser still open, stops the server, removes the build and the profiles. */
  stop(): Promise<void>;
}

/** Builds and serves the page; throws (with the reason) when Chromium is not installed. */
export async function startBenchBrowser(): Promise<BenchBrowser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  const bar = progress('build the benchmark page (Vite)', 1);
  let served: ServedPage;
  try {
    served = await buildAndServePage(PAGE_ROOT);
  } finally {
    bar.done();
  }
  const profiles: string[] = [];
  const contexts = new Set<BrowserContext>();
  let version: string | undefined;
  const browser: BenchBrowser = {
    get version() {
      return version;
    },
    async serve(ds, buckets) {
      const dir = join(served.dir, 'data');
      await mkdir(dir, { recursive: true });
      const put = (name: string, a: Float32Array | Int32Array) => writeFile(join(dir, name), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
      await Promise.all([put('base.f32', ds.base), put('queries.f32', ds.queries), put('truth.i32', ds.truth), ...(buckets ? [put('buckets.i32', buckets)] : [])]);
      return { name: ds.name, description: ds.description, metric: ds.metric, dim: ds.dim, n: ds.n, nq: ds.nq, k: ds.k, buckets: buckets !== undefined };
    },
    async profile() {
      const dir = await mkdtemp(join(tmpdir(), 'quiver-bench-chromium-'));
      profiles.push(dir);
      return dir;
    },
    async call(name, request) {
      const tab = await browser.launch(await browser.profile());
      return tab.call(name, request).finally(() => tab.close());
    },
    async launch(profileDir, query = '') {
      const t0 = performance.now();
      const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
      const launchMs = performance.now() - t0;
      contexts.add(context);
      context.on('close', () => contexts.delete(context));
      version = context.browser()?.version() ?? version;
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (e) => process.stderr.write(`  [page error] ${e.message}\n`));
      page.on('console', (m) => {
        if (m.type() === 'error') process.stderr.write(`  [page console] ${m.text()}\n`);
      });
      let bar: Progress | undefined;
      await page.exposeFunction('benchProgress', (e: ProgressEvent) => {
        if (e.kind === 'start') {
          bar?.done();
          bar = progress(e.label, e.total);
        } else if (e.kind === 'set') bar?.set(e.done);
        else {
          bar?.done(e.note);
          bar = undefined;
        }
      });
      const t1 = performance.now();
      await page.goto(`${served.url}${query}`);
      let cold: ColdResult | undefined;
      if (query) {
        const handle = await page.waitForFunction(() => (globalThis as { benchCold?: unknown }).benchCold, undefined, { timeout: 600_000 });
        cold = (await handle.jsonValue()) as ColdResult;
        if (cold.mode === 'error') throw new Error(`page (${query}): ${cold.message}`);
      } else await page.waitForFunction(() => 'bench' in globalThis);
      const loadMs = performance.now() - t1;
      return {
        page,
        context,
        launchMs,
        loadMs,
        ...(cold ? { cold } : {}),
        call: (name, request) =>
          page.evaluate(([n, r]) => (globalThis as unknown as { bench: Record<string, (x: unknown) => Promise<unknown>> }).bench[n](r), [name, request] as const) as never,
        close: () => context.close(),
      };
    },
    async stop() {
      await Promise.all([...contexts].map((c) => c.close().catch(() => undefined)));
      await served.stop();
      await Promise.all(profiles.map((p) => rm(p, { recursive: true, force: true })));
    },
  };
  return browser;
}

/** What a browser part of a suite gives back: its result and the Chromium version, or why it could not run. */
export type BrowserOutcome<T> = { readonly status: 'ok'; readonly chromium: string; readonly value: T } | { readonly status: 'failed'; readonly reason: string };

/**
 * Runs `fn` with the benchmark page served (and stops it after). A failure — Chromium missing, a
 * page error — is printed and returned with its reason, so the suite's Node figures still count.
 */
export async function inBrowser<T>(fn: (b: BenchBrowser) => Promise<T>): Promise<BrowserOutcome<T>> {
  let b: BenchBrowser | undefined;
  try {
    b = await startBenchBrowser();
    const value = await fn(b);
    return { status: 'ok', chromium: b.version ?? '?', value };
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300);
    process.stderr.write(`  Chromium part failed: ${reason}\n`);
    return { status: 'failed', reason };
  } finally {
    await b?.stop();
  }
}
