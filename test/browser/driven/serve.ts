// Builds the test page with Vite (a plain app: no plugins, only the workspace's `quiver-source`
// export condition so it bundles the TypeScript sources) and serves it from 127.0.0.1.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defaultClientConditions } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** A built test page being served; `stop()` closes the server and removes the build. */
export interface ServedPage {
  readonly url: string;
  /** The folder served (the build): files written here later are served too. */
  readonly dir: string;
  stop(): Promise<void>;
}

/**
 * Builds the Vite app in `root` (default: the test page, `page/`) into a temp folder and serves
 * that folder on 127.0.0.1 (a free port). The benchmark page (apps/bench/page) is served this way too.
 */
export async function buildAndServePage(root: string = join(here, 'page')): Promise<ServedPage> {
  const outDir = await mkdtemp(join(tmpdir(), 'quiver-page-'));
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    resolve: { conditions: ['quiver-source', ...defaultClientConditions] },
    build: { outDir, emptyOutDir: true, target: 'es2022', minify: false },
  });
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(outDir, path.endsWith('/') ? `${path}index.html` : path);
    stat(file).then(
      (st) => {
        if (!st.isFile() || !file.startsWith(outDir)) throw new Error('not a file');
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        createReadStream(file).pipe(res);
      },
      () => {
        res.writeHead(404).end();
      },
    ).catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    dir: outDir,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
