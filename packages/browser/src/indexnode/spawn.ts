/**
 * Starts the package's IndexNode module worker. The `new Worker(new URL(…, import.meta.url))`
 * form is what bundlers recognize (a plain Vite app needs no plugin); from `dist/` the URL names
 * the compiled `indexnode.worker.js` beside this module.
 */
export function spawnIndexNodeWorker(): Worker {
  return new Worker(new URL('./indexnode.worker.js', import.meta.url), { type: 'module', name: 'quiver-indexnode' });
}
