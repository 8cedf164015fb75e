// Bundles a Worker the way `wrangler deploy` does (`wrangler deploy --dry-run --outdir`), offline,
// for tests that then load the bundle into workerd through Miniflare.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './transpile.js';

/** What wrangler produced: the entry module and the folder it sits in. */
export interface Bundle {
  readonly dir: string;
  readonly entry: string;
  readonly files: string[];
}

const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');

/** Environment for wrangler runs: no telemetry, no update checks, no prompts. */
export function wranglerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1', ...extra };
}

/** Runs `wrangler deploy --dry-run --outdir <outDir>` on `configPath` (wrangler.toml or .json). */
export function bundleWithWrangler(configPath: string, outDir: string, cwd: string = ROOT): Bundle {
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync(WRANGLER, ['deploy', '--dry-run', '--outdir', outDir, '--config', configPath], { cwd, encoding: 'utf8', env: wranglerEnv({ WRANGLER_LOG_PATH: join(outDir, '..', 'wrangler-logs') }) });
  if (r.status !== 0) throw new Error(`wrangler deploy --dry-run failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const files = readdirSync(outDir);
  const entry = files.find((f) => f.endsWith('.js'));
  if (!entry) throw new Error(`wrangler wrote no .js bundle into ${outDir}: ${files.join(', ')}`);
  return { dir: outDir, entry: join(outDir, entry), files };
}

/** Writes a wrangler.json for a test Worker into `dir` and returns its path. */
export function writeWranglerJson(dir: string, config: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'wrangler.json');
  writeFileSync(path, JSON.stringify({ compatibility_date: '2026-04-01', ...config }, null, 2));
  return path;
}
