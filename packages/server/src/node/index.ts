// @quiver/server/node: serves the app on Node's http with data in a folder (or memory), and stops
// cleanly: no new connections, in-flight requests finished, engine flushed and closed.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { open } from '@quiver/node';
import { createServedApp, listeningServer, type ListeningServer, type ServeOptions } from '../serve-options.js';
import { consoleFiles } from './console.js';
import { folderImportSource } from './files.js';

/** Options of {@link startServer}. */
export interface StartOptions extends ServeOptions {
  /** TCP port (0 picks a free one). Default 19530. */
  readonly port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** Data folder (created when absent), or `memory` for a database that lives in memory. Default `./data`. */
  readonly data?: string;
  /** A web console build (apps/web/dist) to serve at `/`; without one, `/` is a placeholder page. */
  readonly consoleDir?: string;
  /**
   * QueryNode worker threads searching the sealed segments of a data folder, in parallel and off
   * the thread that serves HTTP: a count, `'auto'` (default: `min(cores - 1, 4)`, at least 1) or
   * 0 to search on the main thread. A `memory` database always searches on the main thread.
   */
  readonly queryWorkers?: number | 'auto';
}

/** A running server. */
export interface RunningServer extends ListeningServer {
  readonly port: number;
  readonly host: string;
  /** Set when this start created root with a generated password (show it once). */
  readonly generatedRootPassword: string | undefined;
  /** True when this start reset root's password to `rootPassword`. */
  readonly rootPasswordReset: boolean;
}

/** Opens the database and serves the REST API. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const data = opts.data ?? './data';
  const uri = data === 'memory' ? 'memory://' : pathToFileURL(resolve(data)).href;
  const client = await open({ uri, int64: 'bigint', ...(data === 'memory' ? {} : { queryWorkers: opts.queryWorkers ?? 'auto' }) });
  const { app, generatedRootPassword, rootPasswordReset } = await createServedApp(client, opts, {
    importSource: data === 'memory' ? undefined : folderImportSource(resolve(data)),
    clientAddress: (c) => getConnInfo(c).remote.address,
    ...(opts.consoleDir !== undefined ? { console: consoleFiles(opts.consoleDir) } : {}),
  });
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  // Responses go out as several writes; without TCP_NODELAY, Nagle's algorithm holds the last one
  // until the client's delayed ACK (~40 ms) on every keep-alive request.
  server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(opts.port ?? 19530, host, () => {
        server.off('error', fail);
        ok();
      });
    });
  } catch (e) {
    await client.close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const stopListening = async (): Promise<void> => {
    const stopped = new Promise<void>((ok) => server.close(() => ok()));
    server.closeIdleConnections();
    // Connections that finish their request become idle; close those too until none is left.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    await stopped;
    clearInterval(sweep);
  };
  return { ...listeningServer(host, port, client, app, stopListening), port, host, generatedRootPassword, rootPasswordReset };
}
