// Renders rows (query or search results) as a table: one column per key seen, vectors shortened,
// JSON values shown as JSON, long text clipped with the full value in a tooltip.
import { h } from '../ui/dom.js';

const MAX_TEXT = 240;

/** Shows any cell value as text. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number')) {
    const shown = v.slice(0, 4).map((x: number) => +x.toFixed(4)).join(', ');
    return v.length > 8 ? `[${shown}, … ${v.length} values]` : `[${v.map((x: number) => +x.toFixed(4)).join(', ')}]`;
  }
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'number' && !Number.isInteger(v)) return String(+v.toFixed(6));
  return String(v);
}

/** A results table; `first` names columns to put first (e.g. the primary key, "distance"). */
export function resultsTable(rows: ReadonlyArray<Record<string, unknown>>, first: readonly string[] = []): HTMLElement {
  const keys = new Set<string>();
  for (const k of first) if (rows.some((r) => k in r)) keys.add(k);
  for (const r of rows) for (const k of Object.keys(r)) keys.add(k);
  const cols = [...keys];
  return h('div.table-wrap', { tabindex: '0', 'aria-label': 'Results' },
    h('table.results', { 'data-testid': 'results' },
      h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, rows.map((r) => h('tr', null, cols.map((c) => {
        const text = cellText(r[c]);
        const clipped = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
        return h('td', { title: clipped === text ? undefined : text, class: typeof r[c] === 'number' ? 'num' : undefined }, clipped);
      }))))));
}
