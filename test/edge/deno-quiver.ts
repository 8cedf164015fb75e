// Runs Quiver's Deno entry (packages/server/src/deno/main.ts) in real Deno from the npm `deno`
// package, exactly as `npm run start:deno` does, with its state in a folder, on a loopback port.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './transpile.js';

/** The `deno` binary of the npm package. */
export const DENO = join(ROOT, 'node_modules/.bin/deno');
/** Deno's flags for Quiver's TypeScript sources (workspace packages by their `quiver-source` export, `.js` specifiers naming `.ts` files). */
export const DENO_FLAGS = ['--unstable-kv', '--unstable-sloppy-imports', '--conditions=quiver-source', '--no-prompt'];

/** A running Deno server. */
export interface DenoQuiver {
  readonly url: string;
  /** The Deno process id. */
  readonly pid: number;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, then waits for the exit code. */
  dispose(): Promise<number | null>;
}

/** Starts the Deno entry on 127.0.0.1 (port 0: a free one) with state in `dataDir`. */
export function startDeno(dataDir: string, env: Record<string, string> = {}): Promise<DenoQuiver> {
  const args = ['run', ...DENO_FLAGS, '--allow-net=127.0.0.1', `--allow-read`, `--allow-write=${dataDir}`, '--allow-env', join(ROOT, 'packages/server/src/deno/main.ts'), '--port', '0', '--data', dataDir];
  const child = spawn(DENO, args, { cwd: ROOT, env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`deno did not start within 60 s:\n${out}`));
    }, 60_000);
    const check = (): void => {
      const m = /Quiver listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      ok({
        url: m[1]!,
        pid: child.pid!,
        output: () => out,
        dispose: () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`deno exited (${code}) before listening:\n${out}`));
    });
  });
}
