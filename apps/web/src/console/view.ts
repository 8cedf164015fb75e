// The console: sidebar (databases, collections) and the selected collection's tabs — overview
// (schema, indexes, counts), query, search, import — over this browser's database or the server.
import type { Backend } from '../backend/types.js';
import { openError } from '../locked.js';
import { consoleBackend, dataChanged } from '../state.js';
import { h, replace } from '../ui/dom.js';
import { badge, dialog, errorBox, spinner, toast } from '../ui/widgets.js';
import { createCollectionDialog } from './create.js';
import { renderImport } from './import.js';
import { renderOverview } from './overview.js';
import { renderQuery } from './query.js';
import { consoleHash, TABS, type ConsoleRoute, type Tab } from './route.js';
import type { CollectionInfo } from './schema.js';
import { renderSearch } from './search.js';
import { renderSidebar } from './sidebar.js';

const TAB_LABELS: Record<Tab, string> = { overview: 'Overview', query: 'Query', search: 'Search', import: 'Import' };

/** Mounts the console for `route` into `root`; returns a function that tears it down. */
export function mountConsole(root: HTMLElement, route: ConsoleRoute): () => void {
  const ctl = new AbortController();
  const side = h('aside.sidebar', { 'aria-label': 'Databases and collections' });
  const main = h('section.panel', { 'aria-label': 'Collection' });
  replace(root, h('div.console', null, side, main));
  replace(main, h('div.center', null, spinner('Opening the database'), ' Opening the database…'));
  let backend: Backend | undefined;
  const refreshSide = (): void => {
    if (backend) void renderSidebar(side, backend, route);
  };
  window.addEventListener('quiver:data', refreshSide, { signal: ctl.signal });
  void (async () => {
    try {
      backend = await consoleBackend();
    } catch (e) {
      replace(side);
      replace(main, openError(e));
      return;
    }
    if (ctl.signal.aborted) return;
    refreshSide();
    await renderMain(main, backend, route, ctl.signal);
  })();
  return () => ctl.abort();
}

async function renderMain(main: HTMLElement, backend: Backend, route: ConsoleRoute, signal: AbortSignal): Promise<void> {
  if (!route.collection) {
    replace(main, h('div.empty', null,
      h('h2', null, `Database “${route.db}”`),
      h('p.muted', null, backend.kind === 'local'
        ? 'This database lives in this browser: catalog and write-ahead log in IndexedDB, segment and index files in OPFS. It keeps working offline.'
        : `Connected to ${backend.label} over Milvus's REST API v2.`),
      h('div.actions', null,
        h('button.primary', { type: 'button', onclick: () => void createCollectionDialog(backend, route.db) }, 'Create a collection'),
        backend.kind === 'local' ? h('a.button', { href: '#/demo' }, 'Build the search demo') : null),
      h('p.small.muted', null, 'Pick a collection on the left to see its schema, indexes and rows.')));
    return;
  }
  let info: CollectionInfo;
  try {
    info = (await backend.call<CollectionInfo>('collections/describe', { dbName: route.db, collectionName: route.collection })).data;
  } catch (e) {
    replace(main, h('div.card', null, errorBox(e)));
    return;
  }
  const body = h('div.tab-body');
  const tabs = h('div.tabs', { role: 'tablist', 'aria-label': 'Collection views' }, TABS.map((t) => h('a.tab', {
    role: 'tab', href: consoleHash({ ...route, tab: t }), 'aria-selected': t === route.tab ? 'true' : 'false', 'data-testid': `tab-${t}`,
  }, TAB_LABELS[t])));
  replace(main,
    h('header.coll-head', null,
      h('div', null, h('h2', { 'data-testid': 'collection-title' }, info.collectionName),
        h('div.row.wrap', null, badge(route.db), info.load ? badge(info.load.replace('LoadState', ''), info.load === 'LoadStateLoaded' ? 'ok' : 'warn') : null, info.description ? h('span.muted.small', null, info.description) : null)),
      h('div.actions', null,
        h('button', { type: 'button', onclick: () => void act(backend, 'collections/flush', route, 'Flushed: growing rows are now in segment files and get indexed') }, 'Flush'),
        info.load !== 'LoadStateLoaded' ? h('button', { type: 'button', onclick: () => void act(backend, 'collections/load', route, 'Loaded') }, 'Load') : null,
        h('button.danger', { type: 'button', onclick: () => void dropCollection(backend, route) }, 'Drop'))),
    tabs, body);
  try {
    if (route.tab === 'overview') await renderOverview(body, backend, route.db, info, signal);
    else if (route.tab === 'query') renderQuery(body, backend, route.db, info);
    else if (route.tab === 'search') renderSearch(body, backend, route.db, info);
    else renderImport(body, backend, route.db, info, signal);
  } catch (e) {
    replace(body, h('div.card', null, errorBox(e)));
  }
}

async function act(backend: Backend, verb: string, route: ConsoleRoute, done: string): Promise<void> {
  try {
    await backend.call(verb, { dbName: route.db, collectionName: route.collection });
    toast(done);
    dataChanged();
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } catch (e) {
    const { message } = e as Error;
    toast(message, 'error');
  }
}

function dropCollection(backend: Backend, route: ConsoleRoute): Promise<void> {
  return dialog('Drop collection', (close) => {
    const status = h('div.status');
    return h('div.stack', null,
      h('p', null, 'Drop ', h('strong', null, route.collection ?? ''), ' and all its rows and files? This cannot be undone.'),
      status,
      h('div.actions', null,
        h('button', { type: 'button', onclick: close }, 'Cancel'),
        h('button.danger', {
          type: 'button',
          onclick: async () => {
            try {
              await backend.call('collections/drop', { dbName: route.db, collectionName: route.collection });
              close();
              dataChanged();
              location.hash = consoleHash({ db: route.db, tab: 'overview' });
            } catch (e) {
              replace(status, errorBox(e));
            }
          },
        }, 'Drop collection')));
  });
}
