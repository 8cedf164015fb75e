// What the web console's end-to-end tests share: the console built from apps/web's sources into a
// temp folder (the demo's data prepared first when missing or stale), a Quiver server that serves
// it at `/` (as `npm start` does) with auth on, Debian's Chromium on a fresh persistent profile,
// and screenshots written to a temp folder (QUIVER_WEB_ARTIFACTS to choose it), never the tree.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { startServer, type RunningServer } from '@quiver/server/node';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser/chromium.js';

const ROOT = join(import.meta.dirname, '..', '..');
const WEB = join(ROOT, 'apps', 'web');

/** root's password on the test servers. */
export const ROOT_PASSWORD = 'web-e2e-Passw0rd';

/** Where screenshots go. */
export const ARTIFACTS = process.env['QUIVER_WEB_ARTIFACTS'] ?? join(tmpdir(), 'quiver-web-e2e');

/** Prepares the demo data (a no-op when current) and builds the console into a temp folder. */
export async function buildConsole(): Promise<string> {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '--conditions=quiver-source', join(WEB, 'scripts', 'prepare-data.ts')], { cwd: WEB, stdio: 'pipe' });
  const outDir = mkdtempSync(join(tmpdir(), 'quiver-web-dist-'));
  await build({ configFile: join(WEB, 'vite.config.ts'), root: WEB, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** A server over a temp data folder serving the console in `consoleDir`. */
export async function serveConsole(consoleDir: string): Promise<RunningServer & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'quiver-web-data-'));
  const s = await startServer({ port: 0, data: dataDir, rootPassword: ROOT_PASSWORD, passwordIterations: 1_000, consoleDir });
  return Object.assign(s, { dataDir });
}

/** Chromium on a fresh profile (a new origin state: no IndexedDB, OPFS or service worker yet). */
export async function launch(viewport = { width: 1280, height: 860 }): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-web-profile-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`uncaught errors in the page: ${errors.join('; ')}`);
    },
  };
}

/** Saves a screenshot (the whole page, or the viewport) as ARTIFACTS/<name>.png. */
export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}
