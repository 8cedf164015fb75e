// Runs core's storage conformance suites inside Deno, against the Deno KV stores (each test on
// a fresh KV file). `vitest` is mapped to ./vitest-shim.ts by an import map. Arguments: a
// scratch folder and a test-name filter; prints the results as JSON.
import { metaStoreSuite, objectStoreSuite, storageSuite, walSuite } from '../../packages/core/src/testing/index.ts';
import { KvLease } from '../../packages/server/src/deno/storage/kv-blobs.ts';
import { KvMetaStore } from '../../packages/server/src/deno/storage/kv-meta-store.ts';
import { KvObjectStore } from '../../packages/server/src/deno/storage/kv-object-store.ts';
import { openKvStorage } from '../../packages/server/src/deno/storage/kv-storage.ts';
import { KvWal } from '../../packages/server/src/deno/storage/kv-wal.ts';
import { runRegistered } from './vitest-shim.ts';

const [scratch, filter = ''] = Deno.args;
let n = 0;

/** A fresh KV file per test; `open` builds a store over it (taking the lease anew on reopen). */
function target<T>(open: (lease: KvLease) => Promise<T>) {
  return async () => {
    const kv = await Deno.openKv(`${scratch}/kv-${++n}.sqlite`);
    const make = async () => open(await KvLease.take(kv, 'test'));
    return { store: await make(), reopen: make, cleanup: async () => kv.close() };
  };
}

metaStoreSuite('Deno KV', target((lease) => KvMetaStore.open(lease, 'test')));
walSuite('Deno KV', target((lease) => KvWal.open(lease, 'test')));
objectStoreSuite('Deno KV', target((lease) => KvObjectStore.open(lease, 'test')));
storageSuite('Deno KV', async () => {
  const path = `${scratch}/kv-${++n}.sqlite`;
  const open = async () => openKvStorage(await Deno.openKv(path), 'test', { closeKv: true });
  return { store: await open(), reopen: open };
});

console.log(JSON.stringify(await runRegistered(filter)));
