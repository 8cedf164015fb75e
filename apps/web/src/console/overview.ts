// A collection's overview: row count, load state, schema table, and each index with its build
// progress (followed live while rows are pending).
import type { Backend } from '../backend/types.js';
import { count, h, replace } from '../ui/dom.js';
import { badge, errorBox, progressBar } from '../ui/widgets.js';
import { followIndexBuild, indexProgress } from './indexes.js';
import { typeLabel, type CollectionInfo, type IndexInfo } from './schema.js';

/** Renders the overview of `info` into `el`; polling stops when `signal` aborts. */
export async function renderOverview(el: HTMLElement, backend: Backend, db: string, info: CollectionInfo, signal: AbortSignal): Promise<void> {
  const stats = await backend.call<{ rowCount: number }>('collections/get_stats', { dbName: db, collectionName: info.collectionName });
  const indexCard = h('div.card');
  const flags = (f: CollectionInfo['fields'][number]) => [
    f.primaryKey ? badge('primary key', 'accent') : null,
    f.autoId ? badge('auto id') : null,
    f.nullable ? badge('nullable') : null,
    f.partitionKey ? badge('partition key') : null,
  ];
  replace(el,
    h('div.cards', null,
      h('div.stat', null, h('div.value', { 'data-testid': 'row-count' }, count(stats.data.rowCount)), h('div.label', null, 'rows stored')),
      h('div.stat', null, h('div.value', null, String(info.fields.length)), h('div.label', null, 'fields')),
      h('div.stat', null, h('div.value', null, String(info.partitionsNum ?? 1)), h('div.label', null, 'partitions')),
      h('div.stat', null, h('div.value.small-value', null, (info.load ?? '').replace('LoadState', '') || '—'), h('div.label', null, 'load state'))),
    h('div.card', null,
      h('h3', null, 'Schema'),
      h('div.table-wrap', null, h('table.schema', { 'data-testid': 'schema' },
        h('thead', null, h('tr', null, h('th', null, 'Field'), h('th', null, 'Type'), h('th', null, ''), h('th', null, 'Description'))),
        h('tbody', null, info.fields.map((f) => h('tr', null, h('td.mono', null, f.name), h('td.mono', null, typeLabel(f)), h('td', null, flags(f)), h('td.muted', null, f.description ?? '')))))),
      h('p.small.muted', null, info.enableDynamicField ? 'Dynamic field on: columns outside the schema are kept and can be filtered ($meta).' : 'Dynamic field off: rows must match the schema.',
        info.consistencyLevel ? ` Consistency: ${info.consistencyLevel}.` : '')),
    indexCard);
  const drawIndexes = (states: IndexInfo[]): void => {
    replace(indexCard, h('h3', null, 'Indexes'),
      states.length === 0 ? h('p.muted', null, 'No index: vector searches scan every row.') : states.map((s) => {
        const p = indexProgress([s]);
        const bar = progressBar(`Index ${s.indexName} build`);
        bar.set(p.done, p.total, p.total === 0 ? 'no flushed rows yet (growing rows are scanned exactly)' : `${count(p.done)} of ${count(p.total)} flushed rows indexed`);
        return h('div.index', { 'data-testid': 'index' },
          h('div.row', null, h('strong.mono', null, s.indexName), badge(s.indexType), badge(s.metricType), badge(s.indexState, s.indexState === 'Finished' ? 'ok' : s.indexState === 'Failed' ? 'bad' : 'warn')),
          s.failReason ? h('p.error-text', null, s.failReason) : null,
          bar.el);
      }));
  };
  try {
    await followIndexBuild(backend, db, info, drawIndexes, signal, 1000);
  } catch (e) {
    replace(indexCard, h('h3', null, 'Indexes'), errorBox(e));
  }
}
