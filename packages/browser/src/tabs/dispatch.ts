import { ErrorCode, QuiverError, ROUTES } from '@quiver/core';
import type { QuiverClient, Route } from '@quiver/core';
import { TAB_METHODS } from './protocol.js';
import type { TabMethod } from './protocol.js';

/**
 * Runs one client method named on the wire against the database's real client. Search
 * iterators (`iter*`) live in the leader's TabServer, so here they are gone: a retryable error.
 */
export async function runOnClient(client: QuiverClient, method: TabMethod, args: readonly unknown[]): Promise<unknown> {
  if (!TAB_METHODS.has(method) || !Array.isArray(args)) throw new QuiverError(ErrorCode.InvalidParameter, `the leader tab does not run ${JSON.stringify(method)}`);
  const a = args as unknown[];
  switch (method) {
    case 'call': {
      const route = a[0];
      if (typeof route !== 'string' || !Object.hasOwn(ROUTES, route)) throw new QuiverError(ErrorCode.InvalidParameter, `unknown route ${JSON.stringify(route)}`);
      return client.call(route as Route, a[1] as never);
    }
    case 'initAuth':
      return client.initAuth(a[0] as never);
    case 'authenticate':
      return client.authenticate(a[0] as string, a[1] as string);
    case 'authorize':
      return client.authorize(a[0] as string, a[1] as never);
    case 'waitForIdle':
      return client.waitForIdle();
    case 'queryNodes':
      return client.queryNodes();
    default:
      throw new QuiverError(ErrorCode.ServiceNotReady, 'the search iterator is gone (the leader tab changed); start a new one');
  }
}
