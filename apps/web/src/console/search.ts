// The search box: a query vector (typed as numbers, taken from a stored row, or — when the vector
// field has the offline embedder's dimension — embedded from text), an optional filter, a limit;
// the nearest rows with their distance.
import type { Backend } from '../backend/types.js';
import { loadEmbedder } from '../demo/data.js';
import { count, h, replace } from '../ui/dom.js';
import { errorBox, spinner } from '../ui/widgets.js';
import { outputFieldsOf } from './query.js';
import { param, vectorField, type CollectionInfo } from './schema.js';
import { resultsTable } from './table.js';

/** Parses "[0.1, 0.2]" or "0.1 0.2" into numbers of length `dim`. */
export function parseVector(text: string, dim: number): number[] {
  const t = text.trim();
  let v: unknown;
  try {
    v = t.startsWith('[') ? JSON.parse(t) : t.split(/[\s,;]+/).filter((x) => x !== '').map(Number);
  } catch (e) {
    throw new Error(`the query vector is not a JSON array: ${(e as Error).message}`);
  }
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) throw new Error('the query vector must be a list of numbers');
  if (v.length !== dim) throw new Error(`the query vector has ${v.length} numbers; the field's dimension is ${dim}`);
  return v as number[];
}

/** Renders the search panel into `el`. */
export function renderSearch(el: HTMLElement, backend: Backend, db: string, info: CollectionInfo): void {
  const field = vectorField(info);
  if (!field) {
    replace(el, h('div.card', null, h('p.muted', null, 'This collection has no vector field to search.')));
    return;
  }
  const dim = Number(param(field, 'dim'));
  const pk = info.fields.find((f) => f.primaryKey)?.name ?? 'id';
  const textOk = field.type === 'FloatVector' && dim === 100;
  const text = h('input#s-text', { type: 'search', placeholder: 'a question or a few words', autocomplete: 'off', 'data-testid': 'search-text' });
  const vector = h('textarea#s-vector', { rows: 2, spellcheck: false, placeholder: `[${Array.from({ length: Math.min(dim, 4) }, () => '0.1').join(', ')}${dim > 4 ? ', …' : ''}]  (${dim} numbers)` });
  const fromRow = h('input#s-row', { placeholder: `${pk} of a stored row`, autocomplete: 'off' });
  const filter = h('input#s-filter', { spellcheck: false, autocomplete: 'off', placeholder: 'optional, e.g. id > 100' });
  const limit = h('input#s-limit', { type: 'number', min: '1', max: '16384', value: '10' });
  const fields = h('input#s-fields', { value: '*', spellcheck: false, autocomplete: 'off' });
  const out = h('div.results-area', { 'aria-live': 'polite' });

  const queryVector = async (): Promise<number[]> => {
    if (textOk && text.value.trim() !== '') {
      const sif = await loadEmbedder();
      const v = sif.embedOne(text.value);
      if (!v.some((x) => x !== 0)) throw new Error(`none of the words of "${text.value}" is in the embedder's vocabulary`);
      return [...v];
    }
    if (fromRow.value.trim() !== '') {
      const id = /^-?\d+$/.test(fromRow.value.trim()) ? Number(fromRow.value.trim()) : fromRow.value.trim();
      const got = await backend.call<Array<Record<string, unknown>>>('entities/get', { dbName: db, collectionName: info.collectionName, id, outputFields: [field.name] });
      const v = got.data[0]?.[field.name];
      if (!Array.isArray(v)) throw new Error(`no row with ${pk} ${fromRow.value}`);
      return v as number[];
    }
    return parseVector(vector.value, dim);
  };
  const run = async (): Promise<void> => {
    replace(out, h('p.muted', null, spinner('Searching'), ' Searching…'));
    const t0 = performance.now();
    try {
      const data = [await queryVector()];
      const body: Record<string, unknown> = { dbName: db, collectionName: info.collectionName, annsField: field.name, data, limit: Number(limit.value) || 10, outputFields: outputFieldsOf(fields.value) };
      if (filter.value.trim() !== '') body['filter'] = filter.value.trim();
      const res = await backend.call<Array<Record<string, unknown>>>('entities/search', body);
      const rows = res.data.map(({ [field.name]: _v, ...rest }) => rest);
      replace(out,
        h('p.summary', { 'data-testid': 'search-summary' }, `${count(rows.length)} nearest row${rows.length === 1 ? '' : 's'}`, h('span.muted', null, ` · ${(performance.now() - t0).toFixed(0)} ms`)),
        rows.length > 0 ? resultsTable(rows, ['distance', pk]) : h('p.muted', null, 'Nothing found.'));
    } catch (e) {
      replace(out, errorBox(e));
    }
  };
  replace(el,
    h('form.card.stack', { onsubmit: (ev: Event) => (ev.preventDefault(), void run()), 'aria-label': 'Search' },
      textOk ? [h('label', { for: 's-text' }, 'Text ', h('span.muted.small', null, '(embedded offline with the demo\'s GloVe SIF embedder)')), text] : null,
      h('div.grid2', null,
        h('div.stack', null, h('label', { for: 's-vector' }, `Query vector — ${field.name}, ${dim} dimensions`), vector),
        h('div.stack', null, h('label', { for: 's-row' }, 'or the vector of a row'), fromRow)),
      h('div.grid-query', null,
        h('div.stack', null, h('label', { for: 's-filter' }, 'Filter'), filter),
        h('div.stack', null, h('label', { for: 's-fields' }, 'Output fields'), fields),
        h('div.stack', null, h('label', { for: 's-limit' }, 'Limit'), limit),
        h('div.actions.bottom', null, h('button.primary', { type: 'submit', 'data-testid': 'search-run' }, 'Search')))),
    out);
}
