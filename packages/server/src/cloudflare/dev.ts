#!/usr/bin/env node
// `npm run start:cloudflare`: the Worker in local workerd through `wrangler dev --local`, with the
// same settings as `npm start` (flags override environment variables):
//   --port N        QUIVER_PORT            (default 8787)
//   --host H        QUIVER_HOST            (default 127.0.0.1)
//   --data DIR      QUIVER_DATA            (default ./data/cloudflare: Durable Object and R2 state)
//   --no-auth       QUIVER_AUTH=off        (auth is on by default)
//   --limits JSON   QUIVER_LIMITS          (quotas and limits)
//                   QUIVER_ROOT_PASSWORD   (root's password; generated and printed once when unset)
//                   QUIVER_PASSWORD_ITERATIONS (PBKDF2 cost of new hashes, at most 100,000 on Workers)
// The variables reach the Worker as wrangler `--var`s. Runs in Node (it only launches wrangler).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run start:cloudflare -- [--port N] [--host H] [--data DIR] [--no-auth] [--limits JSON] [--config wrangler.toml]';

function main(): void {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, 'no-auth': { type: 'boolean' }, limits: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const env = process.env;
  const port = Number(values.port ?? env['QUIVER_PORT'] ?? '8787');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`invalid port "${values.port ?? env['QUIVER_PORT']}" (wrangler dev needs a fixed port)`);
  const host = values.host ?? env['QUIVER_HOST'] ?? '127.0.0.1';
  const data = resolve(values.data ?? env['QUIVER_DATA'] ?? './data/cloudflare');
  const vars: Record<string, string> = { QUIVER_AUTH: values['no-auth'] ? 'off' : env['QUIVER_AUTH'] ?? 'on' };
  for (const k of ['QUIVER_ROOT_PASSWORD', 'QUIVER_PASSWORD_ITERATIONS'] as const) if (env[k]) vars[k] = env[k]!;
  const limits = values.limits ?? env['QUIVER_LIMITS'];
  if (limits) vars['QUIVER_LIMITS'] = limits;
  const wrangler = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin/wrangler.js');
  const args = [wrangler, 'dev', '--local', '--config', resolve(values.config ?? 'wrangler.toml'), '--ip', host, '--port', String(port), '--persist-to', data, '--show-interactive-dev-session=false', '--live-reload=false'];
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' } });
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let ready = false;
  child.stdout.on('data', (b: Buffer) => {
    process.stdout.write(b);
    if (!ready && /Ready on /.test(b.toString())) {
      ready = true;
      // Wake the root object so a first start creates root (and logs a generated password) now.
      fetch(`${url}/openapi.json`).then(
        () => console.log(`Quiver listening on ${url} (data: ${data}, auth: ${vars['QUIVER_AUTH']})`),
        (e: unknown) => console.error(`Quiver: the Worker did not answer: ${String(e)}`),
      );
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (ready) console.log('stopped');
    process.exit(code ?? (signal ? 0 : 1));
  });
}

try {
  main();
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
