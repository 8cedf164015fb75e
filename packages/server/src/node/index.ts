// @quiver/server/node: serves the app on Node's http with data in a folder (or memory), and stops
// cleanly: no new connections, in-flight requests finished, engine flushed and closed.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { open } from '@quiver/node';
import type { QuiverClient } from '@quiver/core';
import { createApp, type QuiverApp } from '../app.js';
import type { ServeOptions } from '../serve-options.js';
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
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly client: QuiverClient;
  readonly app: QuiverApp;
  /** Set when this start created root with a generated password (show it once). */
  readonly generatedRootPassword: string | undefined;
  /** True when this start reset root's password to `rootPassword`. */
  readonly rootPasswordReset: boolean;
  /** Stops accepting, finishes in-flight requests, flushes and closes the database. Idempotent. */
  close(): Promise<void>;
}

/** Opens the database and serves the REST API. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const data = opts.data ?? './data';
  const uri = data === 'memory' ? 'memory://' : pathToFileURL(resolve(data)).href;
  const client = await open({ uri, int64: 'bigint' });
  let generated: string | undefined;
  let reset = false;
  const auth = opts.auth ?? true;
  try {
    if (auth) {
      const r = await client.initAuth({ rootPassword: opts.rootPassword, iterations: opts.passwordIterations });
      generated = r.generated;
      reset = r.reset;
    }
  } catch (e) {
    await client.close();
    throw e;
  }
  const app = createApp({
    client,
    auth,
    limits: opts.limits,
    cors: opts.cors,
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
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    host,
    client,
    app,
    generatedRootPassword: generated,
    rootPasswordReset: reset,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((ok) => server.close(() => ok()));
        server.closeIdleConnections();
        // Connections that finish their request become idle; close those too until none is left.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        await stopped;
        clearInterval(sweep);
        await app.drain();
        await client.close();
      })();
      return closing;
    },
  };
}
