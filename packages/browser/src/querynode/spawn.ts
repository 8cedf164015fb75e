/**
 * Starts one of the package's QueryNode module workers. The `new Worker(new URL(…, import.meta.url))`
 * form is what bundlers recognize (a plain Vite app needs no plugin); from `dist/` the URL names
 * the compiled `querynode.worker.js` beside this module.
 */
export function spawnQueryNodeWorker(n: number): Worker {
  return new Worker(new URL('./querynode.worker.js', import.meta.url), { type: 'module', name: `quiver-querynode-${n}` });
}
