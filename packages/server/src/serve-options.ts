// What the runtime entries (Node, Deno) share: the options they take, the app they build over an
// opened database, and the order they stop in.
import type { QuiverClient } from '@quiver/core';
import { createApp, type AppOptions, type QuiverApp } from './app.js';
import type { LimitsInput } from './limits.js';

/** What every runtime entry (Node, Deno) takes besides where it listens and keeps its data. */
export interface ServeOptions {
  /** Credentials and privileges (default true). */
  readonly auth?: boolean;
  /** Root's password; without one, a new database gets a generated one. */
  readonly rootPassword?: string;
  /** PBKDF2 iterations for new password hashes. */
  readonly passwordIterations?: number;
  readonly limits?: LimitsInput;
  readonly cors?: string | readonly string[] | false;
}

/** The app a runtime entry serves, and what setting up its users did. */
export interface ServedApp {
  readonly app: QuiverApp;
  /** Set when root was created now with a generated password (show it once). */
  readonly generatedRootPassword: string | undefined;
  /** True when root's password was reset to `rootPassword`. */
  readonly rootPasswordReset: boolean;
}

/**
 * What a runtime entry does between opening the database and listening: sets up users as `opts`
 * ask (with auth on: root, its password) and builds the REST app over `client` with `opts`' auth,
 * limits and CORS plus the runtime's own `extra` options. If setting up users fails, the client is
 * closed before the error propagates.
 */
export async function createServedApp(client: QuiverClient, opts: ServeOptions, extra: Omit<AppOptions, 'client' | 'auth' | 'limits' | 'cors'>): Promise<ServedApp> {
  const auth = opts.auth ?? true;
  let generated: string | undefined;
  let reset = false;
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
  const app = createApp({ client, auth, limits: opts.limits, cors: opts.cors, ...extra });
  return { app, generatedRootPassword: generated, rootPasswordReset: reset };
}

/** A runtime entry's server once it listens. */
export interface ListeningServer {
  /** `http://host:port` (an IPv6 host in brackets). */
  readonly url: string;
  readonly client: QuiverClient;
  readonly app: QuiverApp;
  /** Stops accepting, finishes in-flight requests, flushes and closes the database. Idempotent. */
  close(): Promise<void>;
}

/**
 * The URL and the shutdown of a server listening on `host`:`port`: `close()` runs
 * `stopListening` (no new connections; resolves once open ones are done), then waits for the
 * app's in-flight requests and import jobs, then closes the database; later calls share the first.
 */
export function listeningServer(host: string, port: number, client: QuiverClient, app: QuiverApp, stopListening: () => Promise<void>): ListeningServer {
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    client,
    app,
    close() {
      closing ??= (async () => {
        await stopListening();
        await app.drain();
        await client.close();
      })();
      return closing;
    },
  };
}
