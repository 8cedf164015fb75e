// The web app's build: a plain Vite app (relative base, so the built folder works at any path)
// plus the service worker written after the bundle. Workspace packages are bundled from their
// TypeScript sources through the `quiver-source` export condition.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import { serviceWorker } from './sw-plugin.js';

export default defineConfig({
  base: './',
  resolve: { conditions: ['quiver-source', ...defaultClientConditions] },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024 },
  plugins: [serviceWorker(fileURLToPath(new URL('./sw/sw.js', import.meta.url)))],
});
