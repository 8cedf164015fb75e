// @quiver/server/deno: serves the app with Deno.serve, data in Deno KV (a local file, or the
// managed database on Deno Deploy), and stops cleanly: no new connections, in-flight requests
// finished, engine flushed and closed.
import { openDatabase } from '@quiver/core';
import { createServedApp, listeningServer, type ListeningServer, type ServeOptions } from '../serve-options.js';
import { denoFolderImportSource } from './files.js';
import { denoPlatform } from './platform.js';

/** Options of {@link startDenoServer}. */
export interface DenoStartOptions extends ServeOptions {
  /** TCP port (0 picks a free one). Default 8000. */
  readonly port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** State folder (created when absent; the KV file is `quiver.sqlite` in it), `kv` for Deno.openKv()'s default database, or `memory`. Default `./data/deno`. */
  readonly data?: string;
}

/** A running Deno server. */
export interface RunningDenoServer extends ListeningServer {
  /** Set when this start created root with a generated password (show it once). */
  readonly generatedRootPassword: string | undefined;
}

/** The storage URI for a `data` option. */
export function denoDataUri(data: string): string {
  if (data === 'memory') return 'memory://';
  if (data === 'kv') return 'deno-kv://';
  const dir = data.startsWith('/') ? data : `${Deno.cwd()}/${data}`;
  return `deno-kv://${encodeURI(`${dir.replace(/\/+$/, '')}/quiver.sqlite`)}`;
}

export { denoPlatform, openDenoStorage, loadWasm } from './platform.js';
export { denoFolderImportSource } from './files.js';
export { openKvStorage } from './storage/kv-storage.js';
export { KvLease } from './storage/kv-blobs.js';
export { KvMetaStore } from './storage/kv-meta-store.js';
export { KvWal } from './storage/kv-wal.js';
export { KvObjectStore } from './storage/kv-object-store.js';

/** Opens the database and serves the REST API with Deno.serve. */
export async function startDenoServer(opts: DenoStartOptions = {}): Promise<RunningDenoServer> {
  const data = opts.data ?? './data/deno';
  const folder = data === 'memory' || data === 'kv' ? undefined : data;
  if (folder) await Deno.mkdir(folder, { recursive: true });
  const client = await openDatabase(denoPlatform, { uri: denoDataUri(data), int64: 'bigint' });
  const { app, generatedRootPassword } = await createServedApp(client, opts, {
    importSource: folder ? denoFolderImportSource(folder) : undefined,
    clientAddress: (c) => (c.env as { remoteAddr?: string } | undefined)?.remoteAddr,
  });
  const host = opts.host ?? '127.0.0.1';
  let listened: (port: number) => void = () => undefined;
  const listening = new Promise<number>((ok) => (listened = ok));
  const server = Deno.serve({ port: opts.port ?? 8000, hostname: host, onListen: (a) => listened(a.port) }, (req, info) => app.fetch(req, { remoteAddr: info.remoteAddr.hostname }));
  const port = await listening;
  return { ...listeningServer(host, port, client, app, () => server.shutdown()), generatedRootPassword };
}
