// The console's part of the URL: #/console/<db>/<collection>/<tab>.

/** The collection tabs. */
export const TABS = ['overview', 'query', 'search', 'import'] as const;
export type Tab = (typeof TABS)[number];

/** Which database, collection and tab the console shows. */
export interface ConsoleRoute {
  readonly db: string;
  readonly collection?: string;
  readonly tab: Tab;
}

/** Reads a console route from the parts after "#/console/". */
export function parseConsoleRoute(parts: readonly string[]): ConsoleRoute {
  const [db, collection, tab] = parts.map((p) => decodeURIComponent(p));
  return {
    db: db || 'default',
    ...(collection ? { collection } : {}),
    tab: (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'overview',
  };
}

/** The hash of a console route. */
export function consoleHash(r: ConsoleRoute): string {
  const parts = [r.db, ...(r.collection ? [r.collection, ...(r.tab !== 'overview' ? [r.tab] : [])] : [])];
  return `#/console/${parts.map(encodeURIComponent).join('/')}`;
}
