// Where results go (bench-results/ at the repository root unless --out says otherwise) and the
// machine details every result file carries.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (apps/bench/src/ is three levels down). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The default results folder (git-ignored). */
export const DEFAULT_OUT = join(REPO_ROOT, 'bench-results');

/** What the machine was, for the report. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  readonly commit: string | null;
  readonly dirty: boolean | null;
}

/** Details of this machine and checkout. */
export function machine(): Machine {
  let commit: string | null = null;
  let dirty: boolean | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().length > 0;
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    os: `${process.platform} ${release()}`,
    node: process.versions.node,
    v8: process.versions.v8,
    commit,
    dirty,
  };
}

/** Writes a suite's result as `<out>/<suite>[-quick].json` and returns the path. */
export function writeResult(out: string, suite: string, quick: boolean, result: object): string {
  mkdirSync(out, { recursive: true });
  const path = join(out, `${suite}${quick ? '-quick' : ''}.json`);
  writeFileSync(path, `${JSON.stringify(result, null, 1)}\n`);
  return path;
}
