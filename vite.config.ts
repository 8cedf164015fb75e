import { defineConfig } from 'vitest/config';

// One Vite/Vitest config for the whole workspace. Workspace packages resolve to their TypeScript
// sources through the `quiver-source` export condition, so tests never need a build first.
export default defineConfig({
  resolve: { conditions: ['quiver-source'] },
  ssr: { resolve: { conditions: ['quiver-source'], externalConditions: ['quiver-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/node/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
