// Benchmark entry: `tsx src/cli.ts <suite> [--quick]` (or `npm run bench -- <suite> [--quick]`
// from the repository root). Each suite is a module in ./suites exporting `run(options)`.
import type { SuiteOptions } from './suite.js';

/** The known suites, loaded lazily so one suite's imports never slow another. */
const SUITES: Readonly<Record<string, () => Promise<{ run(options: SuiteOptions): Promise<void> }>>> = {
  'filter-eval': () => import('./suites/filter-eval.js'),
};

async function main(argv: readonly string[]): Promise<number> {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const unknown = [...flags].filter((f) => f !== '--quick');
  const name = args[0];
  if (name === undefined || !Object.hasOwn(SUITES, name) || unknown.length > 0 || args.length > 1) {
    if (unknown.length > 0) console.error(`unknown option ${unknown.join(', ')}`);
    else if (name !== undefined && !Object.hasOwn(SUITES, name)) console.error(`unknown suite "${name}"`);
    console.error(`usage: bench <suite> [--quick]\nsuites: ${Object.keys(SUITES).join(', ')}`);
    return 2;
  }
  const suite = await SUITES[name]();
  await suite.run({ quick: flags.has('--quick') });
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
