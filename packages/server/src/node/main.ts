#!/usr/bin/env node
// `npm start`: the REST server on Node. Flags override environment variables:
//   --port N        QUIVER_PORT            (default 19530)
//   --host H        QUIVER_HOST            (default 127.0.0.1)
//   --data DIR      QUIVER_DATA            (default ./data; "memory" keeps nothing)
//   --no-auth       QUIVER_AUTH=off        (auth is on by default)
//   --limits JSON   QUIVER_LIMITS          (quotas and limits, e.g. {"insertRate":{"collection":8}})
//   --console DIR   QUIVER_CONSOLE         (web console build served at /; npm start passes apps/web/dist)
//   --query-workers N|auto  QUIVER_QUERY_WORKERS  (search threads for the data folder; default auto, 0 = main thread)
//                   QUIVER_ROOT_PASSWORD   (root's password; generated and printed once when unset)
import { parseArgs } from 'node:util';
import { startServer, type StartOptions } from './index.js';

const USAGE = 'usage: quiver-server [--port N] [--host H] [--data DIR|memory] [--no-auth] [--limits JSON] [--console DIR] [--query-workers N|auto]';

function options(argv: string[], env: NodeJS.ProcessEnv): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'no-auth': { type: 'boolean' },
      limits: { type: 'string' },
      console: { type: 'string' },
      'query-workers': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const portText = values.port ?? env['QUIVER_PORT'] ?? '19530';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port "${portText}"`);
  const authEnv = (env['QUIVER_AUTH'] ?? 'on').toLowerCase();
  if (!['on', 'off', 'true', 'false', '1', '0'].includes(authEnv)) throw new Error(`QUIVER_AUTH must be on or off, not "${env['QUIVER_AUTH']}"`);
  const limitsText = values.limits ?? env['QUIVER_LIMITS'];
  let limits: StartOptions['limits'];
  if (limitsText) {
    try {
      limits = JSON.parse(limitsText) as StartOptions['limits'];
    } catch (e) {
      throw new Error(`--limits / QUIVER_LIMITS is not JSON: ${(e as Error).message}`);
    }
  }
  const workersText = values['query-workers'] ?? env['QUIVER_QUERY_WORKERS'] ?? 'auto';
  const workers = workersText === 'auto' ? 'auto' : Number(workersText);
  if (workers !== 'auto' && !(Number.isInteger(workers) && workers >= 0 && workers <= 64)) throw new Error(`--query-workers / QUIVER_QUERY_WORKERS must be a whole number from 0 to 64 or auto, not "${workersText}"`);
  return {
    port,
    queryWorkers: workers,
    host: values.host ?? env['QUIVER_HOST'] ?? '127.0.0.1',
    data: values.data ?? env['QUIVER_DATA'] ?? './data',
    auth: !values['no-auth'] && !['off', 'false', '0'].includes(authEnv),
    rootPassword: env['QUIVER_ROOT_PASSWORD'] || undefined,
    limits,
    consoleDir: values.console ?? env['QUIVER_CONSOLE'] ?? undefined,
  };
}

async function main(): Promise<void> {
  let opts: StartOptions;
  try {
    opts = options(process.argv.slice(2), process.env);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const server = await startServer(opts);
  if (opts.consoleDir !== undefined) {
    console.log(server.app.console ? `Web console at / (from ${opts.consoleDir})` : `No web console build in ${opts.consoleDir} (npm run build -w @quiver/web); / shows a placeholder`);
  }
  if (server.generatedRootPassword) {
    console.log(`Created user "root" with the generated password: ${server.generatedRootPassword}`);
    console.log('It is shown only this once; it is stored hashed. Set QUIVER_ROOT_PASSWORD to choose another.');
  } else if (server.rootPasswordReset) {
    console.log('Set the password of user "root" from QUIVER_ROOT_PASSWORD.');
  }
  // Printed last: once it appears, the server is ready.
  console.log(`Quiver listening on ${server.url} (data: ${opts.data === 'memory' ? 'memory' : opts.data}, auth: ${opts.auth ? 'on' : 'off'})`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      console.error(`${signal} again: exiting without flushing`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: stopping (finishing requests, flushing)…`);
    server.close().then(
      () => {
        console.log('stopped');
        process.exit(0);
      },
      (e: unknown) => {
        console.error('error while stopping:', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
