// Launching Debian's Chromium through playwright-core with a persistent profile in a temp folder,
// so IndexedDB and OPFS outlive a page reload and a browser restart.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.js';

/** What a page call returns (see page/main.ts). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: number; message: string };

/** A Chromium profile folder that can be launched, closed and launched again. */
export interface Profile {
  readonly dir: string;
  /** Launches Chromium on the profile and opens the test page in one tab. */
  launch(): Promise<{ context: BrowserContext; page: Page }>;
  /** Removes the profile folder (after the browser closed). */
  remove(): Promise<void>;
}

/** A fresh profile in a temp folder. */
export async function tempProfile(): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), 'quiver-chromium-'));
  return {
    dir,
    async launch() {
      const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
      const page = context.pages()[0] ?? (await context.newPage());
      await gotoTestPage(page);
      return { context, page };
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Loads (or reloads) the test page and waits until `window.quiver` is there. */
export async function gotoTestPage(page: Page): Promise<void> {
  await page.goto(inject('quiverPageUrl'));
  await page.waitForFunction(() => document.title === 'ready');
}

/** Unwraps a page call's outcome, failing with the page's error. */
export function value<T>(o: Outcome<T>): T {
  if (!o.ok) throw new Error(`page call failed: ${o.code} ${o.message}`);
  return o.value;
}
