// "New collection": quick setup (name, dimension, metric) or a custom schema built field by field,
// with an index on each vector field. Sent as Milvus's collections/create body.
import type { Backend } from '../backend/types.js';
import { dataChanged } from '../state.js';
import { h, replace } from '../ui/dom.js';
import { dialog, errorBox, spinner } from '../ui/widgets.js';
import { consoleHash } from './route.js';

const TYPES = ['Int64', 'VarChar', 'Int32', 'Int16', 'Int8', 'Float', 'Double', 'Bool', 'JSON', 'FloatVector'] as const;
const METRICS = ['COSINE', 'L2', 'IP'] as const;
const INDEX_TYPES = ['AUTOINDEX', 'HNSW', 'FLAT'] as const;

const select = (id: string, options: readonly string[], value?: string): HTMLSelectElement =>
  h('select', { id }, options.map((o) => h('option', { value: o, selected: o === value }, o)));

/** One editable field row of the custom schema. */
interface FieldRow {
  readonly el: HTMLElement;
  body(): Record<string, unknown>;
  isPrimary(): boolean;
  name(): string;
  type(): string;
}

let rowSeq = 0;

function fieldRow(init: { name: string; type: string; param?: string; primary?: boolean }, remove: (r: FieldRow) => void): FieldRow {
  const k = rowSeq++;
  const name = h('input', { value: init.name, 'aria-label': 'Field name', required: true, pattern: '[A-Za-z_][A-Za-z0-9_]*', autocomplete: 'off' });
  const type = select(`ftype-${k}`, TYPES, init.type);
  type.setAttribute('aria-label', 'Field type');
  const p = h('input', { value: init.param ?? '', 'aria-label': 'Dimension or max length', type: 'number', min: '1', placeholder: '—' });
  const primary = h('input', { type: 'radio', name: 'primary', checked: init.primary ?? false, 'aria-label': 'Primary key' });
  const nullable = h('input', { type: 'checkbox', 'aria-label': 'Nullable' });
  const syncParam = (): void => {
    const t = type.value;
    p.disabled = !(t === 'VarChar' || t === 'FloatVector');
    p.placeholder = t === 'VarChar' ? 'max length' : t === 'FloatVector' ? 'dim' : '—';
    if (t === 'VarChar' && p.value === '') p.value = '256';
    if (p.disabled) p.value = '';
  };
  type.addEventListener('change', syncParam);
  syncParam();
  const row: FieldRow = {
    el: h('div.field-row', null, name, type, p,
      h('label.inline', null, primary, ' PK'), h('label.inline', null, nullable, ' null'),
      h('button.icon', { type: 'button', 'aria-label': `Remove field`, onclick: () => remove(row) }, '×')),
    name: () => name.value.trim(),
    type: () => type.value,
    isPrimary: () => primary.checked,
    body() {
      const f: Record<string, unknown> = { fieldName: name.value.trim(), dataType: type.value };
      if (primary.checked) f['isPrimary'] = true;
      if (nullable.checked && !primary.checked) f['nullable'] = true;
      if (type.value === 'VarChar') f['elementTypeParams'] = { max_length: Number(p.value) || 256 };
      if (type.value === 'FloatVector') f['elementTypeParams'] = { dim: Number(p.value) };
      return f;
    },
  };
  return row;
}

/** Opens the dialog; on success navigates to the new collection. */
export function createCollectionDialog(backend: Backend, db: string): Promise<void> {
  return dialog('New collection', (close) => {
    const name = h('input#cc-name', { required: true, pattern: '[A-Za-z_][A-Za-z0-9_]*', autocomplete: 'off', placeholder: 'articles', 'data-testid': 'cc-name' });
    const dim = h('input#cc-dim', { type: 'number', min: '1', max: '32768', value: '100', required: true, 'data-testid': 'cc-dim' });
    const metric = select('cc-metric', METRICS, 'COSINE');
    const autoId = h('input#cc-auto', { type: 'checkbox' });
    const quick = h('fieldset.stack', null, h('legend', null, 'Quick setup'),
      h('p.muted.small', null, 'An Int64 primary key "id", a float vector "vector" and a dynamic field for everything else; indexed and loaded at once.'),
      h('div.grid2', null,
        h('div.stack', null, h('label', { for: 'cc-dim' }, 'Dimension'), dim),
        h('div.stack', null, h('label', { for: 'cc-metric' }, 'Metric'), metric)),
      h('label.inline', null, autoId, ' Generate ids (autoId)'));

    const rows: FieldRow[] = [];
    const list = h('div.fields');
    const remove = (r: FieldRow): void => {
      rows.splice(rows.indexOf(r), 1);
      r.el.remove();
    };
    const add = (init: Parameters<typeof fieldRow>[0]): void => {
      const r = fieldRow(init, remove);
      rows.push(r);
      list.append(r.el);
    };
    add({ name: 'id', type: 'Int64', primary: true });
    add({ name: 'title', type: 'VarChar', param: '512' });
    add({ name: 'embedding', type: 'FloatVector', param: '100' });
    const dynamic = h('input#cc-dynamic', { type: 'checkbox', checked: true });
    const idxMetric = select('cc-idx-metric', METRICS, 'COSINE');
    const idxType = select('cc-idx-type', INDEX_TYPES, 'AUTOINDEX');
    const custom = h('fieldset.stack', { hidden: true }, h('legend', null, 'Fields'),
      h('div.field-head.small.muted', null, h('span', null, 'name'), h('span', null, 'type'), h('span', null, 'dim / max length'), h('span', null, '')),
      list,
      h('button', { type: 'button', onclick: () => add({ name: '', type: 'VarChar' }) }, '+ Add field'),
      h('label.inline', null, dynamic, ' Dynamic field (keep columns outside the schema)'),
      h('div.grid2', null,
        h('div.stack', null, h('label', { for: 'cc-idx-type' }, 'Vector index'), idxType),
        h('div.stack', null, h('label', { for: 'cc-idx-metric' }, 'Metric'), idxMetric)));

    const modeQuick = h('input', { type: 'radio', name: 'cc-mode', value: 'quick', checked: true });
    const modeCustom = h('input', { type: 'radio', name: 'cc-mode', value: 'custom' });
    const syncMode = (): void => {
      quick.hidden = !modeQuick.checked;
      custom.hidden = modeQuick.checked;
      dim.required = modeQuick.checked;
    };
    modeQuick.addEventListener('change', syncMode);
    modeCustom.addEventListener('change', syncMode);

    const status = h('div.status');
    const submit = h('button.primary', { type: 'submit', 'data-testid': 'cc-submit' }, 'Create collection');
    const form = h('form.stack', {
      onsubmit: async (ev: Event) => {
        ev.preventDefault();
        const body: Record<string, unknown> = { dbName: db, collectionName: name.value.trim() };
        if (modeQuick.checked) {
          Object.assign(body, { dimension: Number(dim.value), metricType: metric.value, ...(autoId.checked ? { autoId: true } : {}) });
        } else {
          const vectors = rows.filter((r) => r.type() === 'FloatVector');
          Object.assign(body, {
            schema: { enableDynamicField: dynamic.checked, fields: rows.map((r) => r.body()) },
            indexParams: vectors.map((r) => ({ fieldName: r.name(), indexName: r.name(), metricType: idxMetric.value, indexType: idxType.value })),
          });
        }
        submit.disabled = true;
        replace(status, spinner(), ' Creating…');
        try {
          await backend.call('collections/create', body);
          close();
          dataChanged();
          location.hash = consoleHash({ db, collection: String(body['collectionName']), tab: 'overview' });
        } catch (e) {
          replace(status, errorBox(e));
        } finally {
          submit.disabled = false;
        }
      },
    },
      h('div.stack', null, h('label', { for: 'cc-name' }, 'Name'), name),
      h('div.segmented', { role: 'radiogroup', 'aria-label': 'Schema' },
        h('label', null, modeQuick, ' Quick setup'), h('label', null, modeCustom, ' Custom schema')),
      quick, custom, status,
      h('div.actions', null, h('button', { type: 'button', onclick: close }, 'Cancel'), submit));
    queueMicrotask(() => name.focus());
    return form;
  });
}
