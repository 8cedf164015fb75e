// Building and measuring one engine with its failures kept: an engine that cannot be loaded,
// built or searched is reported with the reason (never dropped).
import type { Dataset } from '../data/dataset.js';
import { progress } from '../progress.js';
import { NotApplicable } from './js-peers.js';
import type { Point } from './measure.js';
import { BudgetExceeded, BuildBudget, type BuildResult, type Engine } from './types.js';

/** What the report keeps of an engine on one dataset. */
export interface EngineResult {
  readonly name: string;
  readonly family: Engine['family'];
  readonly algorithm: string;
  readonly efMode: Engine['efMode'];
  readonly notes: string[];
  /** `ok`, or why there are no figures: `failed` (error), `over budget` (too slow to build), `not applicable`. */
  status: 'ok' | 'failed' | 'over budget' | 'not applicable';
  reason?: string;
  build?: BuildResult;
  /** efMode `build`: the build of each ef. */
  builds?: { ef: number; buildMs: number }[];
  points: Point[];
}

/** A fresh result record for `e`. */
export function resultOf(e: Engine): EngineResult {
  return { name: e.name, family: e.family, algorithm: e.algorithm, efMode: e.efMode, notes: e.notes, status: 'ok', points: [] };
}

/** Records `err` on `r` as its status and reason. */
export function fail(r: EngineResult, err: unknown): void {
  r.status = err instanceof BudgetExceeded ? 'over budget' : err instanceof NotApplicable ? 'not applicable' : 'failed';
  const msg = err instanceof Error ? err.message : String(err);
  r.reason = msg.split('\n')[0].slice(0, 300);
  if (r.status === 'failed') process.stderr.write(`  ${r.name}: ${r.status}: ${r.reason}\n`);
}

/** Builds `e` over `ds` within `budgetMs`, with a progress bar; false (and `r` marked) when it failed. */
export async function buildEngine(e: Engine, r: EngineResult, ds: Dataset, budgetMs: number, ef?: number): Promise<boolean> {
  const bar = progress(`build ${e.name}${ef !== undefined ? ` (ef ${ef})` : ''} on ${ds.name}`, ds.n);
  try {
    const b = await e.build(ds, new BuildBudget(budgetMs, (done) => bar.set(done)), ef);
    bar.done();
    if (ef === undefined || !r.build) r.build = b;
    if (ef !== undefined) (r.builds ??= []).push({ ef, buildMs: b.buildMs });
    return true;
  } catch (err) {
    bar.done(err instanceof Error ? err.constructor.name : 'error');
    fail(r, err);
    return false;
  }
}

/** Creates an engine (its factory may throw when a package is missing): null and a failed record then. */
export function create(name: string, make: () => Engine, results: EngineResult[]): Engine | null {
  try {
    return make();
  } catch (err) {
    const r: EngineResult = { name, family: 'peer', algorithm: '?', efMode: 'none', notes: [], status: 'failed', points: [] };
    fail(r, err);
    results.push(r);
    return null;
  }
}
