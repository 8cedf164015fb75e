// Row files an import job reads: Milvus's row-based JSON (an array of rows, or `{"rows": [...]}`)
// and Parquet (one column per field, read with hyparquet).
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { parseJson } from '../json.js';

/** Rows of one import file. */
export type Rows = Array<Record<string, unknown>>;

/** The format of a file, from its extension. */
export function formatOf(path: string): 'json' | 'parquet' | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.parquet')) return 'parquet';
  return undefined;
}

function isRow(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses a JSON row file; throws naming the problem. */
export function parseJsonRows(bytes: Uint8Array, name: string): Rows {
  let doc: unknown;
  try {
    doc = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new Error(`${name}: not a JSON file: ${(e as Error).message}`);
  }
  const rows = Array.isArray(doc) ? doc : isRow(doc) && Array.isArray(doc['rows']) ? doc['rows'] : undefined;
  if (!rows) throw new Error(`${name}: expected a JSON array of rows or {"rows": [...]}`);
  rows.forEach((r, i) => {
    if (!isRow(r)) throw new Error(`${name}: row ${i} is not a JSON object`);
  });
  return rows as Rows;
}

/** Parses a Parquet file into rows (column names are field names). */
export async function parseParquetRows(bytes: Uint8Array, name: string): Promise<Rows> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    parquetMetadata(file);
  } catch (e) {
    throw new Error(`${name}: not a Parquet file: ${(e as Error).message}`);
  }
  const rows = (await parquetReadObjects({ file })) as Rows;
  for (const row of rows) {
    // Parquet FLOAT lists arrive as plain arrays already; typed arrays are turned into arrays.
    for (const [k, v] of Object.entries(row)) if (ArrayBuffer.isView(v) && !(v instanceof DataView)) row[k] = Array.from(v as unknown as ArrayLike<number>);
  }
  return rows;
}

/** Parses an import file by its extension. */
export async function parseRows(path: string, bytes: Uint8Array): Promise<Rows> {
  const format = formatOf(path);
  if (format === 'json') return parseJsonRows(bytes, path);
  if (format === 'parquet') return parseParquetRows(bytes, path);
  throw new Error(`${path}: unsupported file type (import reads .json and .parquet files)`);
}
