// The query box: a Milvus boolean filter expression, output fields and a limit; the matching
// rows in a table. Ctrl/⌘+Enter runs it from the expression box.
import type { Backend } from '../backend/types.js';
import { count, h, replace } from '../ui/dom.js';
import { errorBox, spinner } from '../ui/widgets.js';
import { isVector, type CollectionInfo } from './schema.js';
import { resultsTable } from './table.js';

/** A filter that shows the syntax with this collection's own fields. */
export function exampleFilter(info: CollectionInfo): string {
  const scalar = info.fields.filter((f) => !isVector(f));
  const num = scalar.find((f) => /Int|Float|Double/.test(f.type) && !f.primaryKey) ?? scalar.find((f) => f.primaryKey && f.type === 'Int64');
  const str = scalar.find((f) => f.type === 'VarChar' && !f.primaryKey);
  const parts = [num ? `${num.name} > 10` : null, str ? `${str.name} like "a%"` : null].filter(Boolean);
  return parts.join(' and ') || 'id in [1, 2, 3]';
}

/** Splits "a, b c" into ["a", "b", "c"]; empty → ["*"]. */
export function outputFieldsOf(text: string): string[] {
  const list = text.split(/[\s,]+/).filter((x) => x !== '');
  return list.length === 0 ? ['*'] : list;
}

/** Renders the query panel into `el`. */
export function renderQuery(el: HTMLElement, backend: Backend, db: string, info: CollectionInfo): void {
  const pk = info.fields.find((f) => f.primaryKey)?.name ?? 'id';
  const filter = h('textarea#q-filter', { rows: 2, spellcheck: false, placeholder: exampleFilter(info), 'data-testid': 'query-filter' });
  const fields = h('input#q-fields', { value: '*', spellcheck: false, autocomplete: 'off' });
  const limit = h('input#q-limit', { type: 'number', min: '1', max: '16384', value: '50' });
  const out = h('div.results-area', { 'aria-live': 'polite' });
  const run = async (countOnly: boolean): Promise<void> => {
    replace(out, h('p.muted', null, spinner('Running query'), ' Running…'));
    const t0 = performance.now();
    try {
      const body: Record<string, unknown> = { dbName: db, collectionName: info.collectionName, filter: filter.value.trim() };
      if (countOnly) body['outputFields'] = ['count(*)'];
      else Object.assign(body, { outputFields: outputFieldsOf(fields.value), limit: Number(limit.value) || 50 });
      const res = await backend.call<Array<Record<string, unknown>>>('entities/query', body);
      const ms = performance.now() - t0;
      if (countOnly) {
        replace(out, h('p.summary', { 'data-testid': 'query-summary' }, `${count(Number(res.data[0]?.['count(*)'] ?? 0))} rows match`, h('span.muted', null, ` · ${ms.toFixed(0)} ms`)));
        return;
      }
      replace(out,
        h('p.summary', { 'data-testid': 'query-summary' }, `${count(res.data.length)} row${res.data.length === 1 ? '' : 's'}`, h('span.muted', null, ` · ${ms.toFixed(0)} ms`)),
        res.data.length > 0 ? resultsTable(res.data, [pk]) : h('p.muted', null, 'No row matches this filter.'));
    } catch (e) {
      replace(out, errorBox(e, h('span', null, 'Filters use Milvus\'s expression syntax, e.g. ', h('code', null, exampleFilter(info)), '. Compare with ==, combine with and / or, test membership with in [..], strings with like "pre%".')));
    }
  };
  filter.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      void run(false);
    }
  });
  replace(el,
    h('form.card.stack', { onsubmit: (ev: Event) => (ev.preventDefault(), void run(false)), 'aria-label': 'Query' },
      h('label', { for: 'q-filter' }, 'Filter expression ', h('span.muted.small', null, '(empty: every row; Ctrl+Enter runs)')),
      filter,
      h('div.grid-query.three', null,
        h('div.stack', null, h('label', { for: 'q-fields' }, 'Output fields'), fields),
        h('div.stack', null, h('label', { for: 'q-limit' }, 'Limit'), limit),
        h('div.actions.bottom', null,
          h('button', { type: 'button', onclick: () => void run(true) }, 'Count'),
          h('button.primary', { type: 'submit', 'data-testid': 'query-run' }, 'Run query')))),
    out);
}
