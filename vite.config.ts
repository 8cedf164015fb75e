import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/browser/chromium.js';

// One Vite/Vitest config for the whole workspace. Workspace packages resolve to their TypeScript
// sources through the `quiver-source` export condition, so tests never need a build first.
// Projects: `node` (unit, cross-package and crash tests in Node), `browser` (test files that run
// inside real Chromium: storage conformance on IndexedDB/OPFS, end-to-end) and `browser-driven`
// (Node tests that drive Chromium through playwright-core: page reload, browser restart, crashes).
export default defineConfig({
  resolve: { conditions: ['quiver-source'] },
  ssr: { resolve: { conditions: ['quiver-source'], externalConditions: ['quiver-source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['packages/*/src/**/*.test.ts', 'test/node/**/*.test.ts'],
          exclude: ['packages/browser/**', '**/node_modules/**', '**/.git/**'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          name: 'browser-driven',
          include: ['test/browser/driven/**/*.test.ts', 'test/web/**/*.test.ts'],
          globalSetup: ['test/browser/driven/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
      {
        extends: true,
        // Pre-bundled up front so Vite never reloads the page mid-run when it discovers them.
        optimizeDeps: { include: ['idb', 'zod', 'comlink'] },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts', 'packages/browser/src/**/*.test.ts'],
          exclude: ['test/browser/driven/**', '**/node_modules/**'],
          // One file at a time: files share the origin's IndexedDB, OPFS, locks and quota.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
