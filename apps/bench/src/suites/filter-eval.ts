// filter-eval: rows/s of compiled filter evaluation next to the reference interpreter, measured
// in the same run on the same rows, for three representative filters (plus one combined).
//
// Imports the expr module from core's sources: the reference interpreter is a test/bench tool and
// is not part of @quiver/core's public barrel.
import type { Row } from '../../../../packages/core/src/expr/index.js';
import { compileFilter, referenceFilter, rowsOfChunk } from '../../../../packages/core/src/expr/index.js';
import type { CollectionSchema, FieldSchema } from '../../../../packages/core/src/schema/types.js';
import type { Chunk } from '../../../../packages/core/src/segment/column.js';
import type { SuiteOptions } from '../suite.js';
import { rate, rng, timeIt } from '../suite.js';

const field = (name: string, dataType: FieldSchema['dataType'], extra: Partial<FieldSchema> = {}): FieldSchema => ({
  fieldId: 100, name, dataType, description: '', isPrimary: false, autoId: false, isPartitionKey: false, nullable: false, ...extra,
});

const SCHEMA: CollectionSchema = {
  description: 'filter-eval benchmark',
  enableDynamicField: false,
  fields: [
    field('id', 'Int64', { isPrimary: true }),
    field('price', 'Float'),
    field('category', 'VarChar', { maxLength: 32 }),
    field('attrs', 'JSON', { nullable: true }),
  ],
};

const CATEGORIES = ['books', 'games', 'music', 'toys', 'garden', 'tools', 'food', 'sports', 'beauty', 'health', 'office', 'pets', 'baby', 'auto', 'movies', 'shoes', 'home', 'kitchen', 'phones', 'art'];

const FILTERS: { label: string; expr: string }[] = [
  { label: 'numeric range (Float)', expr: '10 < price <= 50' },
  { label: 'in list on VarChar', expr: 'category in ["books", "games", "music", "toys", "garden"]' },
  { label: 'JSON path compare', expr: 'attrs["info"]["rating"] >= 4' },
  { label: '(extra) all three ANDed', expr: 'category in ["books", "games"] and attrs["info"]["rating"] >= 4 and price < 20' },
];

function makeChunk(n: number): Chunk {
  const r = rng(42);
  const id = new BigInt64Array(n);
  const price = new Float32Array(n);
  const category: string[] = new Array(n);
  const attrs: unknown[] = new Array(n);
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    id[i] = BigInt(i);
    price[i] = Math.round(r() * 10000) / 100;
    category[i] = CATEGORIES[Math.floor(r() * CATEGORIES.length)];
    const u = r();
    if (u < 0.05) {
      attrs[i] = null; // null JSON
    } else {
      valid[i] = 1;
      attrs[i] = u < 0.15 ? { tags: ['sale'] } : { info: { rating: 1 + Math.floor(r() * 5), reviews: Math.floor(r() * 1000) }, tags: [] };
    }
  }
  return {
    rowCount: n,
    columns: {
      id: { dataType: 'Int64', values: id, valid: null },
      price: { dataType: 'Float', values: price, valid: null },
      category: { dataType: 'VarChar', values: category, valid: null },
      attrs: { dataType: 'JSON', values: attrs, valid },
    },
  };
}

/** Runs the suite and prints one line per filter. */
export async function run(options: SuiteOptions): Promise<void> {
  const n = options.quick ? 100_000 : 1_000_000;
  console.log(`filter-eval: ${n.toLocaleString('en-US')} rows, Node ${process.versions.node}${options.quick ? ' (--quick)' : ''}`);
  const chunk = makeChunk(n);
  const rows: Row[] = rowsOfChunk(chunk);
  const header = ['filter', 'matches', 'compiled rows/s', 'reference rows/s', 'ratio'];
  const table: string[][] = [];
  const results: Record<string, unknown>[] = [];
  for (const { label, expr } of FILTERS) {
    const compiled = compileFilter(expr, SCHEMA);
    const reference = referenceFilter(expr, SCHEMA);
    // Both evaluators must agree before their speeds mean anything.
    const mask = compiled.evaluate(chunk);
    let matches = 0;
    for (let i = 0; i < n; i++) {
      if ((mask[i] === 1) !== reference(rows[i])) throw new Error(`compiled and reference disagree on row ${i} for ${expr}`);
      matches += mask[i];
    }
    let sink = 0;
    const compiledMs = timeIt(() => {
      sink += compiled.evaluate(chunk)[0];
    });
    const referenceMs = timeIt(() => {
      let c = 0;
      for (let i = 0; i < n; i++) if (reference(rows[i])) c++;
      sink += c;
    });
    if (sink < 0) console.log(sink); // keeps the work observable
    const compiledRate = (n / compiledMs) * 1000;
    const referenceRate = (n / referenceMs) * 1000;
    table.push([`${label}: ${expr}`, matches.toLocaleString('en-US'), rate(compiledRate), rate(referenceRate), `${(compiledRate / referenceRate).toFixed(1)}x`]);
    results.push({ filter: expr, rows: n, matches, compiledRowsPerSec: Math.round(compiledRate), referenceRowsPerSec: Math.round(referenceRate) });
  }
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c].length)));
  const line = (cells: string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
  console.log(JSON.stringify({ suite: 'filter-eval', node: process.versions.node, results }));
}
