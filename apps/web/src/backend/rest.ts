// A Quiver (or Milvus) server over its RESTful API v2: POST /v2/vectordb/<route> with the user's
// credentials as `Authorization: Bearer user:password`. Int64 values come back as strings
// (`Accept-Type-Allow-Int64: false`) so ids beyond 2^53 keep every digit.
import { BackendError, type Backend } from './types.js';

/** Where the server is and who the user is. */
export interface ServerSettings {
  /** Base URL, e.g. "http://127.0.0.1:19530" (empty: the origin this page came from). */
  readonly url: string;
  readonly user: string;
  readonly password: string;
}

/** A backend for the server in `settings`; `fetcher` is the fetch to use (tests, proxies). */
export function restBackend(settings: ServerSettings, fetcher: typeof fetch = (...a) => fetch(...a)): Backend {
  const base = (settings.url.trim() || location.origin).replace(/\/+$/, '');
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Accept-Type-Allow-Int64': 'false' };
  if (settings.user !== '' || settings.password !== '') headers['Authorization'] = `Bearer ${settings.user}:${settings.password}`;
  return {
    kind: 'server',
    label: base,
    async call(route, body) {
      let res: Response;
      try {
        res = await fetcher(`${base}/v2/vectordb/${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
      } catch (e) {
        throw new BackendError(undefined, `cannot reach the server at ${base} (${(e as Error).message}); check the address and your connection`);
      }
      let json: { code?: unknown; message?: unknown } & Record<string, unknown>;
      try {
        json = (await res.json()) as typeof json;
      } catch {
        throw new BackendError(undefined, `${base} answered HTTP ${res.status} without a JSON body: is it a Quiver or Milvus server?`);
      }
      const code = typeof json.code === 'number' ? json.code : res.ok ? 0 : res.status;
      if (code !== 0) {
        const message = typeof json.message === 'string' ? json.message : `HTTP ${res.status}`;
        throw new BackendError(code, res.status === 401 ? `${message} — check the user name and password` : message);
      }
      const { code: _code, ...rest } = json;
      return rest as never;
    },
    storage: () => Promise.resolve(undefined),
    close: () => Promise.resolve(),
  };
}
