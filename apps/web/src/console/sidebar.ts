// The console's sidebar: the database picker, the collections with their row counts, and the
// storage this origin uses.
import type { Backend } from '../backend/types.js';
import { bytes, count, h, replace } from '../ui/dom.js';
import { dialog, errorBox, spinner } from '../ui/widgets.js';
import { createCollectionDialog } from './create.js';
import { consoleHash, type ConsoleRoute } from './route.js';

/** Renders the sidebar for `route` into `el` (re-render after a change). */
export async function renderSidebar(el: HTMLElement, backend: Backend, route: ConsoleRoute): Promise<void> {
  replace(el, h('div.side-loading', null, spinner('Loading collections'), ' Loading…'));
  try {
    const [dbs, colls, storage] = await Promise.all([
      backend.call<string[]>('databases/list', {}),
      backend.call<string[]>('collections/list', { dbName: route.db }),
      backend.storage().catch(() => undefined),
    ]);
    const names = [...colls.data].sort();
    const rows = await Promise.all(names.map((n) => backend.call<{ rowCount: number }>('collections/get_stats', { dbName: route.db, collectionName: n }).then((s) => s.data.rowCount, () => undefined)));
    const dbSelect = h('select#db-select', {
      onchange: () => (location.hash = consoleHash({ db: dbSelect.value, tab: 'overview' })),
    }, dbs.data.map((d) => h('option', { value: d, selected: d === route.db }, d)));
    replace(el,
      h('div.side-section', null,
        h('label.side-label', { for: 'db-select' }, 'Database'),
        h('div.row', null, dbSelect, h('button.icon', { type: 'button', title: 'New database', 'aria-label': 'New database', onclick: () => void newDatabase(backend) }, '+'))),
      h('div.side-section.grow', null,
        h('div.side-label', null, `Collections (${names.length})`),
        names.length === 0 ? h('p.muted.small', null, 'No collections yet.') : null,
        h('nav.collections', { 'aria-label': 'Collections' }, names.map((n, i) => h('a.coll', {
          href: consoleHash({ db: route.db, collection: n, tab: route.collection === n ? route.tab : 'overview' }),
          'aria-current': n === route.collection ? 'page' : undefined,
          'data-testid': 'collection-link',
        }, h('span.name', null, n), h('span.count', { title: 'rows' }, rows[i] === undefined ? '?' : count(rows[i]!))))),
        h('button.primary.wide', { type: 'button', 'data-testid': 'new-collection', onclick: () => void createCollectionDialog(backend, route.db) }, '+ New collection')),
      h('div.side-section.footer', null,
        h('div.side-label', null, backend.kind === 'local' ? 'Browser storage' : 'Server'),
        storage
          ? h('div.small', { 'data-testid': 'storage-use' }, `${bytes(storage.usage)} used of ${bytes(storage.quota)}`, h('div.meter', null, h('div', { style: { width: `${Math.min(100, (100 * storage.usage) / Math.max(1, storage.quota))}%` } })))
          : h('div.small.muted', null, backend.label)),
    );
  } catch (e) {
    replace(el, errorBox(e));
  }
}

function newDatabase(backend: Backend): Promise<void> {
  return dialog('New database', (close) => {
    const name = h('input', { id: 'new-db-name', required: true, pattern: '[A-Za-z_][A-Za-z0-9_]*', autocomplete: 'off', placeholder: 'analytics' });
    const status = h('div.status');
    const form = h('form.stack', {
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        try {
          await backend.call('databases/create', { dbName: name.value });
          close();
          location.hash = consoleHash({ db: name.value, tab: 'overview' });
        } catch (e) {
          replace(status, errorBox(e));
        }
      },
    }, h('label', { for: 'new-db-name' }, 'Name'), name, status, h('div.actions', null, h('button.primary', { type: 'submit' }, 'Create database')));
    queueMicrotask(() => name.focus());
    return form;
  });
}
