// Serves the web console's build (apps/web/dist) from a folder: hashed files under assets/ are
// cached for good, everything else (index.html, sw.js, the demo's data) is revalidated.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';

/** A handler for the console in `dir`, or undefined when `dir` holds no build (no index.html). */
export function consoleFiles(dir: string): MiddlewareHandler | undefined {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) return undefined;
  const files = serveStatic({ root });
  return async (c, next) => {
    const res = await files(c, next);
    if (res instanceof Response && res.ok) {
      res.headers.set('Cache-Control', c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    return res;
  };
}
