// Benchmark entry: `tsx --conditions=quiver-source src/cli.ts <suite> [--quick] [--out <dir>]`
// (or `npm run bench -- <suite> [--quick]` from the repository root). Each suite is a module in
// ./suites exporting `run(options)`; `report` turns the last full results into docs/benchmarks.md.
import { resolve } from 'node:path';
import { DEFAULT_OUT } from './results.js';
import type { SuiteOptions } from './suite.js';

type Suite = { run(options: SuiteOptions): Promise<void> };

/** The known suites, loaded lazily so one suite's imports never slow another. */
const SUITES: Readonly<Record<string, () => Promise<Suite>>> = {
  ann: () => import('./suites/ann.js'),
  filter: () => import('./suites/filter.js'),
  ingest: () => import('./suites/ingest.js'),
  open: () => import('./suites/open.js'),
  'filter-eval': () => import('./suites/filter-eval.js'),
  rest: () => import('./suites/rest.js'),
  browser: () => import('./suites/browser.js'),
  report: () => import('./report/write.js'),
};

/** What `all` runs, in order (then `report` when not --quick). */
const ALL = ['ann', 'filter', 'ingest', 'open', 'browser', 'rest'] as const;

const USAGE = `usage: bench <suite> [--quick] [--out <dir>] [--docs <dir>]
suites: ${Object.keys(SUITES).join(', ')}, all (${ALL.join(' + ')} + report)
  --quick       small sizes (a smoke run)
  --out <dir>   results and cache folder (default bench-results/ at the repository root)
  --docs <dir>  where report writes benchmarks.md and benchmarks/*.svg (default docs/)`;

function parse(argv: readonly string[]): { name: string; options: SuiteOptions } | string {
  let quick = false;
  let out = DEFAULT_OUT;
  let docs: string | undefined;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--out') {
      const dir = argv[++i];
      if (dir === undefined) return '--out needs a folder';
      out = resolve(dir);
    } else if (a === '--docs') {
      const dir = argv[++i];
      if (dir === undefined) return '--docs needs a folder';
      docs = resolve(dir);
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else names.push(a);
  }
  if (names.length !== 1) return names.length === 0 ? 'no suite given' : `one suite at a time (got ${names.join(', ')})`;
  if (names[0] !== 'all' && !Object.hasOwn(SUITES, names[0])) return `unknown suite "${names[0]}"`;
  return { name: names[0], options: { quick, out, docs } };
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parse(argv);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${USAGE}`);
    return 2;
  }
  const { name, options } = parsed;
  const names = name === 'all' ? [...ALL, ...(options.quick ? [] : ['report'])] : [name];
  for (const n of names) await (await SUITES[n]()).run(options);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
