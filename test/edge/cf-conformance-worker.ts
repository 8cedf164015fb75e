// Runs core's storage conformance suites inside workerd, against the Durable Object stores
// (SQLite storage) and the R2 object store. Bundled by wrangler with `vitest` aliased to
// ./vitest-shim.ts; `GET /?filter=…` on the Worker runs the matching tests in one Durable Object
// and answers their results as JSON.
import { metaStoreSuite, objectStoreSuite, storageSuite, walSuite } from '../../packages/core/src/testing/index.js';
import { DoMetaStore } from '../../packages/server/src/cloudflare/storage/do-meta-store.js';
import { openDoStorage } from '../../packages/server/src/cloudflare/storage/do-storage.js';
import { DoWal } from '../../packages/server/src/cloudflare/storage/do-wal.js';
import { R2ObjectStore, deleteR2Prefix, type R2Sizes } from '../../packages/server/src/cloudflare/storage/r2-object-store.js';
import { runRegistered } from './vitest-shim.js';

interface Env {
  readonly CONFORMANCE: CfDurableObjectNamespace;
  readonly BUCKET: CfR2Bucket;
}

let state: CfDurableObjectState | undefined;
let env: Env | undefined;
let run = 0;

function live(): { storage: CfDurableObjectStorage; bucket: CfR2Bucket } {
  if (!state || !env) throw new Error('conformance stores used outside the Durable Object');
  return { storage: state.storage, bucket: env.BUCKET };
}

/** Drops the stores' tables: every test starts from an empty Durable Object database. */
function wipeTables(storage: CfDurableObjectStorage): void {
  for (const t of ['quiver_meta', 'quiver_wal', 'quiver_state']) storage.sql.exec(`DROP TABLE IF EXISTS ${t}`);
}

metaStoreSuite('Durable Object SQLite', async () => {
  const { storage } = live();
  wipeTables(storage);
  return { store: new DoMetaStore(storage, 'test'), reopen: async () => new DoMetaStore(storage, 'test') };
});

walSuite('Durable Object SQLite', async () => {
  const { storage } = live();
  wipeTables(storage);
  return { store: new DoWal(storage, 'test'), reopen: async () => new DoWal(storage, 'test') };
});

const objectTarget = (sizes: R2Sizes) => async () => {
  const { bucket } = live();
  const prefix = `run-${++run}/`;
  return {
    store: new R2ObjectStore(bucket, prefix, sizes),
    reopen: async () => new R2ObjectStore(bucket, prefix, sizes),
    cleanup: async () => void (await deleteR2Prefix(bucket, prefix)),
  };
};
objectStoreSuite('R2', objectTarget({}));
// 5 MiB parts (R2's smallest): the 16 MB blob goes up as a four-part multipart upload.
objectStoreSuite('R2 multipart', objectTarget({ multipartAbove: 5 * 1024 * 1024, partBytes: 5 * 1024 * 1024 }));

storageSuite('Durable Object + R2', async () => {
  const { storage, bucket } = live();
  wipeTables(storage);
  const prefix = `run-${++run}/`;
  const open = async () => openDoStorage({ storage, bucket, prefix, label: 'test' });
  return { store: await open(), reopen: open, cleanup: async () => void (await deleteR2Prefix(bucket, prefix)) };
});

/** The Durable Object the suites run in. */
export class ConformanceObject {
  constructor(ctx: CfDurableObjectState, e: Env) {
    state = ctx;
    env = e;
  }

  async fetch(request: Request): Promise<Response> {
    const filter = new URL(request.url).searchParams.get('filter') ?? '';
    return Response.json(await runRegistered(filter));
  }
}

export default {
  async fetch(request: Request, e: Env): Promise<Response> {
    return e.CONFORMANCE.get(e.CONFORMANCE.idFromName('conformance')).fetch(request);
  },
};
