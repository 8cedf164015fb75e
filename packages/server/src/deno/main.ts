// `npm run start:deno`: the REST server on Deno. Flags override environment variables:
//   --port N        QUIVER_PORT            (default 8000)
//   --host H        QUIVER_HOST            (default 127.0.0.1)
//   --data DIR      QUIVER_DATA            (default ./data/deno; "kv" = Deno.openKv() default; "memory")
//   --no-auth       QUIVER_AUTH=off        (auth is on by default)
//   --limits JSON   QUIVER_LIMITS          (quotas and limits)
//                   QUIVER_ROOT_PASSWORD   (root's password; generated and printed once when unset)
//                   QUIVER_PASSWORD_ITERATIONS (PBKDF2 cost of new password hashes)
import { startDenoServer, type DenoStartOptions } from './index.js';

const USAGE = 'usage: deno run --unstable-kv … main.ts [--port N] [--host H] [--data DIR|kv|memory] [--no-auth] [--limits JSON]';

function options(argv: string[], env: (name: string) => string | undefined): DenoStartOptions {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--no-auth') flags.set('no-auth', true);
    else if (/^--(port|host|data|limits)$/.test(a) && i + 1 < argv.length) flags.set(a.slice(2), argv[++i]!);
    else if (/^--(port|host|data|limits)=/.test(a)) flags.set(a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
    else throw new Error(`unknown argument "${a}"`);
  }
  const flag = (k: string): string | undefined => (typeof flags.get(k) === 'string' ? (flags.get(k) as string) : undefined);
  const portText = flag('port') ?? env('QUIVER_PORT') ?? '8000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port "${portText}"`);
  const authEnv = (env('QUIVER_AUTH') ?? 'on').toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(authEnv)) throw new Error(`QUIVER_AUTH must be on or off, not "${env('QUIVER_AUTH')}"`);
  const limitsText = flag('limits') ?? env('QUIVER_LIMITS');
  let limits: DenoStartOptions['limits'];
  if (limitsText) {
    try {
      limits = JSON.parse(limitsText) as DenoStartOptions['limits'];
    } catch (e) {
      throw new Error(`--limits / QUIVER_LIMITS is not JSON: ${(e as Error).message}`);
    }
  }
  const iterations = env('QUIVER_PASSWORD_ITERATIONS');
  return {
    port,
    host: flag('host') ?? env('QUIVER_HOST') ?? '127.0.0.1',
    data: flag('data') ?? env('QUIVER_DATA') ?? './data/deno',
    auth: !flags.has('no-auth') && !['off', 'false', '0'].includes(authEnv),
    rootPassword: env('QUIVER_ROOT_PASSWORD') || undefined,
    ...(iterations ? { passwordIterations: Number(iterations) } : {}),
    limits,
  };
}

let opts: DenoStartOptions;
try {
  opts = options(Deno.args, (name) => Deno.env.get(name));
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  Deno.exit(2);
}
const server = await startDenoServer(opts);
if (server.generatedRootPassword) {
  console.log(`Created user "root" with the generated password: ${server.generatedRootPassword}`);
  console.log('It is shown only this once; it is stored hashed. Set QUIVER_ROOT_PASSWORD to choose another.');
}
// Printed last: once it appears, the server is ready.
console.log(`Quiver listening on ${server.url} (data: ${opts.data}, auth: ${opts.auth ? 'on' : 'off'})`);
let stopping = false;
const stop = (signal: string): void => {
  if (stopping) {
    console.error(`${signal} again: exiting without flushing`);
    Deno.exit(1);
  }
  stopping = true;
  console.log(`${signal}: stopping (finishing requests, flushing)…`);
  server.close().then(
    () => {
      console.log('stopped');
      Deno.exit(0);
    },
    (e: unknown) => {
      console.error('error while stopping:', e);
      Deno.exit(1);
    },
  );
};
Deno.addSignalListener('SIGINT', () => stop('SIGINT'));
Deno.addSignalListener('SIGTERM', () => stop('SIGTERM'));
