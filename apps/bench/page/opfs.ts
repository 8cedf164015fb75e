// A database's files in the Origin Private File System (quiver/<name>/…): their sizes, and
// reading them all (the I/O floor of a cold open).
import { opfsDatabaseFolder } from '@quiver/browser';
import type { OpfsBytes } from '../src/browser/protocol.js';

/** Every file under the database's OPFS folder, with its path. */
export async function opfsFiles(name: string): Promise<{ path: string; handle: FileSystemFileHandle }[]> {
  const out: { path: string; handle: FileSystemFileHandle }[] = [];
  const walk = async (dir: FileSystemDirectoryHandle, base: string): Promise<void> => {
    for await (const [entry, h] of dir.entries()) {
      if (h.kind === 'file') out.push({ path: `${base}${entry}`, handle: h as FileSystemFileHandle });
      else await walk(h as FileSystemDirectoryHandle, `${base}${entry}/`);
    }
  };
  await walk(await opfsDatabaseFolder(name), '');
  return out;
}

/** Bytes of all files, of segment files (.qseg) and of index files (.qidx). */
export async function opfsBytes(name: string): Promise<OpfsBytes> {
  let total = 0;
  let segments = 0;
  let indexes = 0;
  for (const f of await opfsFiles(name)) {
    const size = (await f.handle.getFile()).size;
    total += size;
    if (f.path.endsWith('.qseg')) segments += size;
    if (f.path.endsWith('.qidx')) indexes += size;
  }
  return { total, segments, indexes };
}

/** Reads every file of the database into memory; returns how many and their bytes. */
export async function readAll(name: string): Promise<{ files: number; bytes: number }> {
  let bytes = 0;
  const files = await opfsFiles(name);
  for (const f of files) bytes += (await (await f.handle.getFile()).arrayBuffer()).byteLength;
  return { files: files.length, bytes };
}
