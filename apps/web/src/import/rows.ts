// Rows from a user's file for entities/insert: JSON (an array of rows, {"rows": [...]} or
// {"data": [...]}), JSON Lines (one row per line) or CSV (a header line of field names). CSV
// cells are typed by the collection's schema: numbers for numeric fields, true/false for Bool,
// JSON for JSON and Array fields, vectors as "[0.1, 0.2]" or space/semicolon separated numbers;
// columns outside the schema (dynamic fields) become numbers when they look like one. Empty
// cells are left out, so defaults and nulls apply.
import type { FieldInfo } from '../console/schema.js';
import { parseCsv } from './csv.js';

/** A parsed file. */
export interface ParsedRows {
  readonly format: 'JSON' | 'JSON Lines' | 'CSV';
  readonly rows: Array<Record<string, unknown>>;
}

/** Parses a file's text by its name and content; `fields` types CSV cells. */
export function parseRows(name: string, text: string, fields: readonly FieldInfo[]): ParsedRows {
  const lower = name.toLowerCase();
  const trimmed = text.trimStart();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || (!trimmed.startsWith('[') && !trimmed.startsWith('{'))) {
    return { format: 'CSV', rows: csvRows(text, fields) };
  }
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return { format: 'JSON Lines', rows: jsonLines(text) };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    if (trimmed.startsWith('{') && trimmed.includes('\n{')) return { format: 'JSON Lines', rows: jsonLines(text) };
    throw new Error(`${name} is not valid JSON: ${(e as Error).message}`);
  }
  const list = Array.isArray(doc) ? doc : (doc as { rows?: unknown; data?: unknown })?.rows ?? (doc as { data?: unknown })?.data;
  if (!Array.isArray(list)) throw new Error(`${name}: expected an array of rows, or an object with a "rows" or "data" array`);
  list.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new Error(`${name}: row ${i + 1} is not an object`);
  });
  return { format: 'JSON', rows: list as Array<Record<string, unknown>> };
}

function jsonLines(text: string): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch (e) {
      throw new Error(`line ${i + 1} is not valid JSON: ${(e as Error).message}`);
    }
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new Error(`line ${i + 1} is not a JSON object`);
    rows.push(r as Record<string, unknown>);
  });
  return rows;
}

const INT = new Set(['Int8', 'Int16', 'Int32']);
const FLOAT = new Set(['Float', 'Double']);

function csvRows(text: string, fields: readonly FieldInfo[]): Array<Record<string, unknown>> {
  const [header, ...records] = parseCsv(text);
  if (!header) return [];
  const names = header.map((h) => h.trim());
  const byName = new Map(fields.map((f) => [f.name, f]));
  return records.map((rec, r) => {
    if (rec.length !== names.length) throw new Error(`CSV record ${r + 1} has ${rec.length} fields, the header has ${names.length}`);
    const row: Record<string, unknown> = {};
    rec.forEach((cell, c) => {
      if (cell === '') return;
      const name = names[c]!;
      try {
        row[name] = typed(cell, byName.get(name));
      } catch (e) {
        throw new Error(`CSV record ${r + 1}, column "${name}": ${(e as Error).message}`);
      }
    });
    return row;
  });
}

function number(cell: string): number {
  const x = Number(cell.trim());
  if (cell.trim() === '' || !Number.isFinite(x)) throw new Error(`"${cell}" is not a number`);
  return x;
}

function typed(cell: string, f: FieldInfo | undefined): unknown {
  if (f === undefined) return /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(cell) ? Number(cell) : cell;
  if (INT.has(f.type) || FLOAT.has(f.type)) return number(cell);
  if (f.type === 'Int64') {
    const t = cell.trim();
    if (!/^-?\d+$/.test(t)) throw new Error(`"${cell}" is not an integer`);
    return Number.isSafeInteger(Number(t)) ? Number(t) : t;
  }
  if (f.type === 'Bool') {
    const t = cell.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    throw new Error(`"${cell}" is not true or false`);
  }
  if (f.type === 'JSON' || f.type === 'Array') return JSON.parse(cell);
  if (f.type.endsWith('Vector')) {
    const t = cell.trim();
    if (t.startsWith('[')) return JSON.parse(t);
    return t.split(/[\s;]+/).filter((x) => x !== '').map(number);
  }
  return cell;
}
