import { openDB } from 'idb';
import { expect, it } from 'vitest';
import { ErrorCode, OpfsObjectStore, idbDatabaseName } from '@quiver/browser';
import { expectQuiverError } from '@quiver/core/testing';
import { booksCollection, row, useDatabases } from './helpers.js';

// Damage found through the public API: a flipped byte in a segment file in OPFS or in a WAL
// record in IndexedDB makes open() fail with Corrupted naming the file or record.
const db = useDatabases();

/** Flips one bit of the OPFS object `path` of database `name`, at `at` bytes from its end. */
async function flipObjectByte(name: string, path: string, at: number): Promise<void> {
  let dir = await (await (await navigator.storage.getDirectory()).getDirectoryHandle('quiver')).getDirectoryHandle(name);
  dir = await dir.getDirectoryHandle('objects');
  const parts = path.split('/');
  for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p);
  const file = await dir.getFileHandle(parts[parts.length - 1]!);
  const bytes = new Uint8Array(await (await file.getFile()).arrayBuffer());
  bytes[bytes.length - at]! ^= 0x10;
  const w = await file.createWritable();
  await w.write(bytes);
  await w.close();
}

it('a flipped byte in a segment file is Corrupted naming the file', async () => {
  const uri = db.uri();
  const name = uri.slice('idb://'.length);
  const c = await db.open(uri);
  await c.createCollection(booksCollection());
  await c.insert({ collectionName: 'books', data: Array.from({ length: 500 }, (_, i) => row(i)) });
  await c.flush({ collectionName: 'books' });
  await c.close();
  const store = await OpfsObjectStore.open(name);
  const segment = (await store.list('')).find((p) => p.endsWith('/data.qseg'))!;
  await store.close();
  expect(segment).toBeDefined();
  await flipObjectByte(name, segment, 100);
  await expectQuiverError(db.open(uri), ErrorCode.Corrupted, segment);
});

it('a flipped byte in a WAL record is Corrupted naming the record', async () => {
  const uri = db.uri();
  const name = uri.slice('idb://'.length);
  const c = await db.open(uri);
  await c.createCollection(booksCollection());
  await c.insert({ collectionName: 'books', data: Array.from({ length: 300 }, (_, i) => row(i)) });
  await c.insert({ collectionName: 'books', data: Array.from({ length: 300 }, (_, i) => row(1000 + i)) });
  await c.close({ flush: false }); // the rows stay in the WAL only
  const raw = await openDB(idbDatabaseName(name));
  const keys = (await raw.getAllKeys('wal')) as number[];
  expect(keys.length).toBe(2);
  const frame = new Uint8Array((await raw.get('wal', keys[0]!)) as ArrayBuffer);
  frame[frame.length - 5]! ^= 0x01;
  await raw.put('wal', frame.buffer, keys[0]!);
  raw.close();
  await expectQuiverError(db.open(uri), ErrorCode.Corrupted, `WAL record ${keys[0]}`, idbDatabaseName(name), 'CRC mismatch');
});
