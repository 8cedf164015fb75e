// Loading rows from a file: JSON, JSON Lines or CSV (picked or dropped), a preview, then inserts
// in batches with a progress bar, a flush, and the index build followed to the end.
import type { Backend } from '../backend/types.js';
import { parseRows, type ParsedRows } from '../import/rows.js';
import { dataChanged } from '../state.js';
import { bytes, count, h, replace } from '../ui/dom.js';
import { errorBox, progressBar, toast } from '../ui/widgets.js';
import { followIndexBuild, indexProgress } from './indexes.js';
import type { CollectionInfo } from './schema.js';
import { resultsTable } from './table.js';

const BATCH = 1000;

/** Renders the import panel into `el`. */
export function renderImport(el: HTMLElement, backend: Backend, db: string, info: CollectionInfo, signal: AbortSignal): void {
  const input = h('input#imp-file', { type: 'file', accept: '.json,.jsonl,.ndjson,.csv,.tsv,application/json,text/csv', 'data-testid': 'import-file' });
  const flush = h('input#imp-flush', { type: 'checkbox', checked: true });
  const area = h('div.stack', { 'aria-live': 'polite' });
  let parsed: ParsedRows | undefined;

  const load = async (file: File): Promise<void> => {
    parsed = undefined;
    try {
      parsed = parseRows(file.name, await file.text(), info.fields);
    } catch (e) {
      replace(area, errorBox(e, 'Expected a JSON array of rows, JSON Lines, or a CSV file whose header names the fields.'));
      return;
    }
    const p = parsed;
    replace(area,
      h('p.summary', { 'data-testid': 'import-summary' }, `${file.name}: ${p.format}, ${count(p.rows.length)} rows, ${bytes(file.size)}`),
      p.rows.length > 0 ? [h('div.small.muted', null, 'First rows:'), resultsTable(p.rows.slice(0, 5))] : null,
      h('div.actions', null, h('button.primary', { type: 'button', 'data-testid': 'import-run', disabled: p.rows.length === 0, onclick: () => void insert(p) }, `Insert ${count(p.rows.length)} rows`)));
  };

  const insert = async (p: ParsedRows): Promise<void> => {
    const bar = progressBar('Import progress');
    const status = h('div.status');
    replace(area, bar.el, status);
    let done = 0;
    try {
      for (let i = 0; i < p.rows.length; i += BATCH) {
        if (signal.aborted) return;
        const batch = p.rows.slice(i, i + BATCH);
        try {
          await backend.call('entities/insert', { dbName: db, collectionName: info.collectionName, data: batch });
        } catch (e) {
          const x = e as { code?: number; message?: string };
          throw Object.assign(new Error(`rows ${count(i + 1)}–${count(i + batch.length)}: ${x.message ?? String(e)}${done > 0 ? ` (the ${count(done)} rows before were inserted)` : ''}`), { code: x.code });
        }
        done += batch.length;
        bar.set(done, p.rows.length, `${count(done)} of ${count(p.rows.length)} rows inserted`);
      }
      dataChanged();
      if (flush.checked) {
        bar.set(0, 0, 'Flushing to segment files…');
        await backend.call('collections/flush', { dbName: db, collectionName: info.collectionName });
        const states = await followIndexBuild(backend, db, info, (s) => {
          const ip = indexProgress(s);
          bar.set(ip.done, ip.total, `Building the index: ${count(ip.done)} of ${count(ip.total)} rows`);
        }, signal);
        const ip = indexProgress(states);
        if (states.length > 0) bar.set(ip.done, Math.max(ip.total, 1), `${count(done)} rows inserted; index covers ${count(ip.done)} rows`);
        else bar.set(1, 1, `${count(done)} rows inserted and flushed`);
      } else {
        bar.set(1, 1, `${count(done)} rows inserted`);
      }
      replace(status, h('p.ok-text', { 'data-testid': 'import-done' }, `Done: ${count(done)} rows inserted.`));
      toast(`${count(done)} rows inserted into ${info.collectionName}`);
    } catch (e) {
      replace(status, errorBox(e));
      if (done > 0) dataChanged();
    }
  };

  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) void load(f);
  });
  const drop = h('label.dropzone', {
    for: 'imp-file',
    ondragover: (ev: DragEvent) => (ev.preventDefault(), drop.classList.add('over')),
    ondragleave: () => drop.classList.remove('over'),
    ondrop: (ev: DragEvent) => {
      ev.preventDefault();
      drop.classList.remove('over');
      const f = ev.dataTransfer?.files[0];
      if (f) void load(f);
    },
  }, h('strong', null, 'Choose a file'), ' or drop it here', h('div.small.muted', null, 'JSON (array of rows), JSON Lines or CSV with a header line of field names'));
  replace(el, h('div.card.stack', null, h('h3', null, 'Load rows from a file'), drop, input, h('label.inline', null, flush, ' Flush and build the index when done'), area));
}
