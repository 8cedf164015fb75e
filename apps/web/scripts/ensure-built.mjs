#!/usr/bin/env node
// `npm start` runs this first: builds the web console (npm run build -w @quiver/web) when
// apps/web/dist has no build yet, so the server can serve it at `/`. An existing build is kept;
// `npm run build` rebuilds it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const index = fileURLToPath(new URL('../dist/index.html', import.meta.url));
if (!existsSync(index)) {
  console.log('Building the web console (apps/web) once…');
  const r = spawnSync('npm', ['run', 'build', '-w', '@quiver/web'], { stdio: 'inherit', cwd: fileURLToPath(new URL('../../..', import.meta.url)) });
  if (r.status !== 0) {
    console.error('The web console did not build; the server starts without it (a placeholder page at /).');
  }
}
