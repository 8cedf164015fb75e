// One cold start, in a fresh Node process (spawned by suites/open.ts; plain JavaScript so that no
// TypeScript loader is in the way): imports the library, opens the persisted data, runs one search
// and prints one JSON line of timings (ms, from this script's first line).
//   node open-child.mjs quiver <dir> <collection> <query.json>
//   node open-child.mjs native <index file> <space> <dim> <query.json>
//   node open-child.mjs read <dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const t0 = performance.now();
const [mode, ...args] = process.argv.slice(2);
const out = { mode };
if (mode === 'quiver') {
  const [dir, collection, queryFile] = args;
  const query = JSON.parse(readFileSync(queryFile, 'utf8'));
  const { open } = await import('@quiver/node');
  out.importMs = performance.now() - t0;
  const db = await open({ uri: `file://${dir}`, tickMs: 0 });
  out.openMs = performance.now() - t0 - out.importMs;
  const t = performance.now();
  const body = { collectionName: collection, data: [query], limit: 10 };
  let res;
  try {
    res = await db.search(body);
  } catch (e) {
    if (e?.code !== 101) throw e; // collection not loaded: load it, as an application would
    out.loaded = true;
    await db.loadCollection({ collectionName: collection });
    res = await db.search(body);
  }
  out.searchMs = performance.now() - t;
  out.totalMs = performance.now() - t0;
  out.ids = res.data.map((h) => Number(h.id));
  await db.close();
} else if (mode === 'native') {
  const [file, space, dim, queryFile] = args;
  const query = JSON.parse(readFileSync(queryFile, 'utf8'));
  const { default: hnswlib } = await import('hnswlib-node');
  out.importMs = performance.now() - t0;
  const index = new hnswlib.HierarchicalNSW(space, Number(dim));
  index.readIndexSync(file);
  out.openMs = performance.now() - t0 - out.importMs;
  const t = performance.now();
  index.setEf(16);
  out.ids = index.searchKnn(query, 10).neighbors;
  out.searchMs = performance.now() - t;
  out.totalMs = performance.now() - t0;
} else if (mode === 'read') {
  let bytes = 0;
  for (const e of readdirSync(args[0], { withFileTypes: true, recursive: true })) if (e.isFile()) bytes += readFileSync(join(e.parentPath, e.name)).length;
  out.bytes = bytes;
  out.totalMs = performance.now() - t0;
} else {
  throw new Error(`unknown mode ${mode}`);
}
console.log(JSON.stringify(out));
